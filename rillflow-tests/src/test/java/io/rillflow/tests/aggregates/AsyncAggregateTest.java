package io.rillflow.tests.aggregates;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.RawSql;
import io.rillflow.tests.events.SafePoint;
import org.junit.jupiter.api.Test;

/** {@code @Aggregate(lifecycle = ASYNC)}: the daemon keeps the document equal to the live fold. */
class AsyncAggregateTest extends RillflowTestBase {
  private static final String PROJECTION = "aggregate:doc_basket";

  @Test
  void theDaemonKeepsTheDocumentEqualToALoadOfTheAggregate() {
    AggregateRepository<Basket> baskets = store().aggregates(Basket.class);
    baskets.append("b-1", ExpectedVersion.noStream(), new CartOpened("b-1"), new ItemAdded("tea", 2));
    baskets.append("b-2", ExpectedVersion.noStream(), new CartOpened("b-2"));
    SafePoint.await(store());
    ProjectionDaemon daemon = store().projections().daemon();

    daemon.runUntilIdle();
    assertThat(document("b-1")).isEqualTo("Basket[id=b-1, items=2, checkedOut=false]").isEqualTo(live("b-1"));
    assertThat(document("b-2")).isEqualTo("Basket[id=b-2, items=0, checkedOut=false]").isEqualTo(live("b-2"));

    baskets.append("b-1", ExpectedVersion.exactly(2), new ItemAdded("jam", 1), new CartCheckedOut("b-1"));
    SafePoint.await(store());
    daemon.runUntilIdle();
    assertThat(document("b-1")).isEqualTo("Basket[id=b-1, items=3, checkedOut=true]").isEqualTo(live("b-1"));
  }

  @Test
  void theAsyncAggregateIsAProjectionNamedAfterItsTableAndRebuilds() {
    assertThat(store().projections().names()).contains(PROJECTION);
    store().aggregates(Basket.class).append("b-1", ExpectedVersion.noStream(), new CartOpened("b-1"),
        new ItemAdded("tea", 2));
    SafePoint.await(store());
    ProjectionDaemon daemon = store().projections().daemon();
    daemon.runUntilIdle();
    RawSql.execute(store(), "UPDATE \"" + store().schemaName() + "\".doc_basket SET data = jsonb_set(data, '{items}', '99')");

    daemon.rebuild(PROJECTION);
    daemon.runUntilIdle();

    assertThat(document("b-1")).isEqualTo("Basket[id=b-1, items=2, checkedOut=false]");
  }

  private String document(String id) {
    try (var session = store().querySession()) {
      return session.load(Basket.class, id).map(Basket::toString).orElse("none");
    }
  }

  private String live(String id) {
    return store().aggregates(Basket.class).load(id).map(Basket::toString).orElse("none");
  }
}
