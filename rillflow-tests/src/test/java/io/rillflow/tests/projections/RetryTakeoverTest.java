package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.SafePoint;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tries of a poison event are counted on the projection's row: a node that takes over goes on counting. */
class RetryTakeoverTest extends RillflowTestBase {
  private static final Ledger first = new Ledger();
  private final Ledger second = new Ledger();
  private DocumentStore secondNode;

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    // Node 1 waits an hour after a failed try: it tries once, then hands over.
    builder.readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, first)
        .projectionOptions(ProjectionOptions.defaults().nodeId("node-1").maxAttempts(3)
            .retryBackoff(Duration.ofHours(1)).pollInterval(Duration.ofMillis(20)));
  }

  @BeforeEach
  void nodes() {
    Ledger.createTables(store());
    first.poisoned = true;
    first.poisonedTries.set(0);
    second.poisoned = true;
    secondNode = DocumentStore.builder().dataSource(store().dataSource()).schema(store().schemaName())
        .autoCreate(AutoCreate.NONE).readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, second)
        .projectionOptions(ProjectionOptions.defaults().nodeId("node-2").maxAttempts(3)
            .retryBackoff(Duration.ofMillis(1)))
        .build();
  }

  @AfterEach
  void stop() {
    store().projections().daemon().stop();
    secondNode.close();
  }

  @Test
  void aNodeThatTakesOverGoesOnCountingTheTriesOfTheFailingEvent() {
    store().events().append("a", ExpectedVersion.any(), new Tick("a", 1), new Tick("a", -5), new Tick("a", 2));
    SafePoint.await(store());

    store().projections().daemon().start();
    Await.until("node 1 tried the poison event once", Duration.ofSeconds(10), () -> first.poisonedTries.get() == 1);
    store().projections().daemon().stop();
    assertThat(Ledger.query(store(), "SELECT name, failing_attempts FROM \"" + store().schemaName() + "\".rf_projections"))
        .isEqualTo(Map.of(Ledger.NAME, 1L));

    secondNode.projections().daemon().runUntilIdle();

    assertThat(second.poisonedTries.get()).as("node 2 tries what is left of maxAttempts").isEqualTo(2);
    assertThat(secondNode.projections().deadLetters(Ledger.NAME)).singleElement()
        .satisfies(letter -> assertThat(letter.attempts()).isEqualTo(3));
    assertThat(Ledger.totals(store())).isEqualTo(Map.of("a", 3L));
    assertThat(Ledger.query(store(), "SELECT name, failing_attempts FROM \"" + store().schemaName() + "\".rf_projections"))
        .as("cleared once the checkpoint passed the event").isEqualTo(Map.of(Ledger.NAME, 0L));
  }
}
