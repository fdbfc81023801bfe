package io.rillflow.tests.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.QuerySession;
import io.rillflow.test.RillflowTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Cart} is {@code @Aggregate(lifecycle = INLINE, snapshotEvery = 3)} and a {@code @Document}. */
class InlineTest extends RillflowTestBase {

  private AggregateRepository<Cart> carts() {
    return store().aggregates(Cart.class);
  }

  private void assertDocumentIsTheLiveFold(String id) {
    Cart live = carts().load(id).orElseThrow();
    assertThat(store().querySession().load(Cart.class, id)).contains(live);
  }

  @Test
  void theDocumentEqualsTheLiveFoldAfterEveryAppend() {
    carts().append("c-1", ExpectedVersion.noStream(), new CartOpened("c-1"));
    assertDocumentIsTheLiveFold("c-1");
    for (int i = 1; i <= 5; i++) {
      carts().append("c-1", ExpectedVersion.exactly(i), new ItemAdded("sku", i));
      assertDocumentIsTheLiveFold("c-1");
    }
    carts().append("c-1", ExpectedVersion.any(), new ItemAdded("sku", 10), new ItemAdded("sku", 20));
    assertDocumentIsTheLiveFold("c-1");
    carts().update("c-1", cart -> List.of(new CartCheckedOut("c-1")));
    assertDocumentIsTheLiveFold("c-1");
    try (DocumentSession session = store().openSession()) {
      carts().in(session).append("c-2", ExpectedVersion.noStream(), new CartOpened("c-2"), new ItemAdded("x", 4));
      carts().in(session).update("c-1", cart -> List.of(new ItemAdded("late", 1)));
      session.saveChanges();
    }
    assertDocumentIsTheLiveFold("c-1");
    assertDocumentIsTheLiveFold("c-2");

    assertThat(store().querySession().load(Cart.class, "c-1")).contains(new Cart("c-1", 46, "checked out"));
  }

  @Test
  void aConflictingAppendWritesNeitherEventsNorDocument() {
    carts().append("c-3", ExpectedVersion.noStream(), new CartOpened("c-3"), new ItemAdded("sku", 2));
    Cart before = store().querySession().load(Cart.class, "c-3").orElseThrow();

    assertThatThrownBy(() -> carts().append("c-3", ExpectedVersion.exactly(1), new ItemAdded("sku", 5)))
        .isInstanceOf(ConcurrencyException.class);
    assertThatThrownBy(() -> carts().append("c-4", ExpectedVersion.exactly(3), new CartOpened("c-4")))
        .isInstanceOf(ConcurrencyException.class);
    try (DocumentSession session = store().lightweightSession()) {
      carts().in(session).append("c-5", ExpectedVersion.noStream(), new CartOpened("c-5"));
      carts().in(session).append("c-3", ExpectedVersion.noStream(), new ItemAdded("sku", 7));
      assertThatThrownBy(session::saveChanges).isInstanceOf(ConcurrencyException.class);
    }

    assertThat(store().querySession().load(Cart.class, "c-3")).contains(before);
    assertThat(store().events().readStream("c-3")).hasSize(2);
    assertThat(store().querySession().load(Cart.class, "c-4")).isEmpty();
    assertThat(store().querySession().load(Cart.class, "c-5")).isEmpty();
    assertThat(store().events().streamState("c-5")).isEmpty();
  }

  @Test
  void inlineDocumentsAreQueriedThroughTheMetamodel() {
    carts().append("c-6", ExpectedVersion.noStream(), new CartOpened("c-6"), new ItemAdded("a", 3));
    carts().append("c-7", ExpectedVersion.noStream(), new CartOpened("c-7"), new ItemAdded("a", 1),
        new CartCheckedOut("c-7"));
    carts().append("c-8", ExpectedVersion.noStream(), new CartOpened("c-8"), new ItemAdded("a", 9),
        new CartCheckedOut("c-8"));

    try (QuerySession session = store().querySession()) {
      assertThat(session.query(Cart.class)
          .where(Cart_.status.eq("checked out").and(Cart_.items.gt(2)))
          .list()).containsExactly(new Cart("c-8", 9, "checked out"));
    }
  }
}
