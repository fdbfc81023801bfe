package io.rillflow.tests.lookups;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentSession;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An {@code @Upcast} that takes a {@code QuerySession} enriches a version 1 event from a document, on
 * every read path: a stream read, a global read, an aggregate load and a projection.
 */
class LookupUpcastTest extends RillflowTestBase {

  @BeforeEach
  void storeAnOldEvent() {
    try (DocumentSession session = store().openSession()) {
      session.store(new Shopper("s1", "Ada"));
      session.saveChanges();
    }
    store().events().append("cart-1", ExpectedVersion.noStream(), new InvoiceSentV1("cart-1", "s1"));
  }

  @Test
  void aStreamReadAndAGlobalReadSeeTheEnrichedEventAsItsDocumentIsNow() {
    int before = InvoiceUpcasts.CALLS.get();
    List<EventEnvelope<?>> stream = store().events().readStream("cart-1");

    assertThat(stream).singleElement().satisfies(e -> {
      assertThat(e.schemaVersion()).isEqualTo(1);
      assertThat(e.data()).isEqualTo(new InvoiceSent("cart-1", "s1", "Ada"));
    });
    assertThat(InvoiceUpcasts.CALLS.get() - before).as("one lookup for the one old row").isEqualTo(1);
    assertThat(store().events().readAll(Checkpoint.START, 100)).extracting(e -> (Object) e.data())
        .contains(new InvoiceSent("cart-1", "s1", "Ada"));

    // Results are cached within a read only: the next read looks again and sees the renamed shopper.
    try (DocumentSession session = store().openSession()) {
      session.store(new Shopper("s1", "Ada L."));
      session.saveChanges();
    }
    assertThat(store().events().readStream("cart-1")).extracting(e -> (Object) e.data())
        .containsExactly(new InvoiceSent("cart-1", "s1", "Ada L."));
  }

  @Test
  void anAggregateIsFoldedFromTheEnrichedEvent() {
    assertThat(store().aggregates(Checkout.class).load("cart-1")).contains(new Checkout("cart-1", "Ada"));
  }

  @Test
  void aProjectionIsBuiltFromTheEnrichedEvent() {
    store().projections().daemon().runUntilIdle();

    assertThat(store().querySession().load(CheckoutView.class, "cart-1")).hasValueSatisfying(
        view -> assertThat(view.shopperName).isEqualTo("Ada"));
  }

  @Test
  void anEventWhoseDocumentIsMissingIsStillRead() {
    store().events().append("cart-2", ExpectedVersion.noStream(), new InvoiceSentV1("cart-2", "nobody"));

    assertThat(store().events().readStream("cart-2")).extracting(e -> (Object) e.data())
        .containsExactly(new InvoiceSent("cart-2", "nobody", "unknown"));
  }
}
