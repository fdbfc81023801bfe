package io.rillflow.tests.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.aggregates.AggregateNotFoundException;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.RillflowException;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.OrderPlaced;
import io.rillflow.tests.events.OrderPlacedV1;
import io.rillflow.tests.events.OrderPlacedV2;
import io.rillflow.tests.events.OrderShipped;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Folding streams through each handler shape, records and classes, with upcast old events in the stream. */
class FoldTest extends RillflowTestBase {

  @Test
  void recordFoldsThroughStaticCreateAndNextStateHandlersWithTheEnvelope() {
    AggregateRepository<OrderView> orders = store().aggregates(OrderView.class);
    orders.append("o-1", ExpectedVersion.noStream(), new OrderPlaced("o-1", new BigDecimal("12.50"), "USD"),
        new OrderShipped("o-1", "DHL"));

    assertThat(orders.load("o-1"))
        .contains(new OrderView("o-1", new BigDecimal("12.50"), "USD", "shipped by DHL", 2));
    assertThat(orders.load("o-1", 1)).contains(new OrderView("o-1", new BigDecimal("12.50"), "USD", "placed", 1));
  }

  @Test
  void eventsStoredInOlderShapesAreUpcastBeforeTheyReachTheHandlers() {
    store().events().append("old", ExpectedVersion.noStream(), new OrderPlacedV1("old", 1999));
    store().events().append("older", ExpectedVersion.noStream(), new OrderPlacedV2("older", 500, "GBP"),
        new OrderShipped("older", "UPS"));

    assertThat(store().aggregates(OrderView.class).load("old"))
        .contains(new OrderView("old", new BigDecimal("19.99"), "EUR", "placed", 1));
    assertThat(store().aggregates(OrderView.class).load("older"))
        .contains(new OrderView("older", new BigDecimal("5.00"), "GBP", "shipped by UPS", 2));
    assertThat(store().aggregates(Tally.class).load("older").orElseThrow().placed).isEqualByComparingTo("5.00");
  }

  @Test
  void mutableClassIsMadeByItsConstructorAndEventsWithoutAHandlerAreSkipped() {
    UUID id = UUID.randomUUID();
    AggregateRepository<Tally> tallies = store().aggregates(Tally.class);
    tallies.append(id, ExpectedVersion.noStream(), new ItemAdded("a", 2), new OrderShipped("x", "DHL"),
        new OrderPlacedV1("x", 250), new ItemAdded("b", 3));

    Tally tally = tallies.load(id).orElseThrow();

    assertThat(tally.items).isEqualTo(5);
    assertThat(tally.additions).isEqualTo(2);
    assertThat(tally.lastSku).isEqualTo("b");
    assertThat(tally.placed).isEqualByComparingTo("2.50");
    assertThat(tallies.load(id.toString(), 1).orElseThrow().items).as("a UUID and its text name one stream").isEqualTo(2);
  }

  @Test
  void classWhoseHandlerReturnsTheNextState() {
    AggregateRepository<Ledger> ledgers = store().aggregates(Ledger.class);
    ledgers.append("l-1", ExpectedVersion.noStream(), new ItemAdded("apple", 2));
    ledgers.append("l-1", ExpectedVersion.exactly(1), new ItemAdded("pear", 1));

    assertThat(ledgers.load("l-1").orElseThrow().lines).containsExactly("2 x apple", "1 x pear");
  }

  @Test
  void aMissingStreamLoadsAsEmpty() {
    assertThat(store().aggregates(OrderView.class).load("nothing")).isEmpty();
    assertThat(store().aggregates(Tally.class).load(UUID.randomUUID())).isEmpty();
  }

  @Test
  void aStreamThatStartsWithoutACreatingEventHasNoStateToApplyTo() {
    store().events().append("o-2", ExpectedVersion.noStream(), new OrderShipped("o-2", "DHL"));

    assertThatThrownBy(() -> store().aggregates(OrderView.class).load("o-2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OrderView of stream o-2 has no state for event OrderShipped at version 1");
  }

  @Test
  void aStrictAggregateFailsOnAnEventWithoutAHandlerNamingTheEventAndTheStream() {
    AggregateRepository<StrictOrder> orders = store().aggregates(StrictOrder.class);
    orders.append("s-1", ExpectedVersion.noStream(), new OrderPlaced("s-1", BigDecimal.ONE, "EUR"));
    assertThat(orders.load("s-1")).contains(new StrictOrder("s-1"));

    orders.append("s-1", ExpectedVersion.exactly(1), new OrderShipped("s-1", "DHL"));

    assertThatThrownBy(() -> orders.load("s-1"))
        .isInstanceOf(RillflowException.class)
        .hasMessageStartingWith("StrictOrder of stream s-1 cannot fold event OrderShipped at version 2");
  }

  @Test
  void updateDecidesOnTheLoadedStateAndAppendsAtItsVersion() {
    AggregateRepository<OrderView> orders = store().aggregates(OrderView.class);
    orders.append("o-3", ExpectedVersion.noStream(), new OrderPlaced("o-3", BigDecimal.TEN, "EUR"));

    assertThat(orders.update("o-3", order -> order.status().equals("placed")
        ? List.of(new OrderShipped("o-3", "DHL")) : List.of())).isPresent();
    assertThat(orders.update("o-3", order -> order.status().equals("placed")
        ? List.of(new OrderShipped("o-3", "DHL")) : List.of())).as("nothing to decide").isEmpty();

    assertThat(orders.load("o-3").orElseThrow().status()).isEqualTo("shipped by DHL");
    assertThat(store().events().readStream("o-3")).hasSize(2);
  }

  @Test
  void updateOfAMissingStreamNeverHandsDecideANullAndWritesNothing() {
    AggregateRepository<OrderView> orders = store().aggregates(OrderView.class);
    List<Object> decided = new java.util.ArrayList<>();

    assertThatThrownBy(() -> orders.update("o-9", order -> {
      decided.add(String.valueOf(order));
      return List.of(new OrderShipped("o-9", "DHL"));
    })).isInstanceOfSatisfying(AggregateNotFoundException.class, e -> {
      assertThat(e.streamId()).isEqualTo("o-9");
      assertThat(e.aggregateType()).isEqualTo(OrderView.class);
      assertThat(e).hasMessageContaining("OrderView stream o-9").hasMessageContaining("noStream()");
    });
    try (DocumentSession session = store().openSession()) {
      assertThatThrownBy(() -> orders.in(session).update("o-9", order -> {
        decided.add(String.valueOf(order));
        return List.of(new OrderShipped("o-9", "DHL"));
      })).isInstanceOf(AggregateNotFoundException.class);
      session.saveChanges();
    }
    assertThat(decided).isEmpty();
    assertThat(store().events().readStream("o-9")).isEmpty();
    assertThat(orders.loadForWrite("o-9").state()).isEmpty();
  }

  @Test
  void updateFailsWhenTheStreamMovedOnAfterTheLoadAndWritesNothing() {
    AggregateRepository<OrderView> orders = store().aggregates(OrderView.class);
    orders.append("o-4", ExpectedVersion.noStream(), new OrderPlaced("o-4", BigDecimal.TEN, "EUR"));

    assertThatThrownBy(() -> orders.update("o-4", order -> {
      store().events().append("o-4", ExpectedVersion.exactly(1), new OrderShipped("o-4", "UPS"));
      return List.of(new OrderShipped("o-4", "DHL"));
    })).isInstanceOfSatisfying(ConcurrencyException.class, e -> {
      assertThat(e.expectedVersion()).isEqualTo(1);
      assertThat(e.actualVersion()).isEqualTo(2);
    });
    assertThat(orders.load("o-4").orElseThrow().status()).isEqualTo("shipped by UPS");
  }

  @Test
  void inASessionAppendsWaitForSaveChanges() {
    AggregateRepository<OrderView> orders = store().aggregates(OrderView.class);
    orders.append("o-5", ExpectedVersion.noStream(), new OrderPlaced("o-5", BigDecimal.ONE, "EUR"));
    try (DocumentSession session = store().lightweightSession()) {
      assertThat(orders.in(session).update("o-5", order -> List.of(new OrderShipped("o-5", "DHL")))).isTrue();
      orders.in(session).append("o-6", ExpectedVersion.noStream(), new OrderPlaced("o-6", BigDecimal.ONE, "EUR"));
      assertThat(orders.in(session).load("o-5").orElseThrow().status()).isEqualTo("placed");
      assertThat(session.pendingChanges()).isEqualTo(2);

      session.saveChanges();
    }
    assertThat(orders.load("o-5").orElseThrow().status()).isEqualTo("shipped by DHL");
    assertThat(orders.load("o-6")).isPresent();
  }

  @Test
  void aSessionUpdateThatLostTheRaceWritesNothingOfTheSession() {
    AggregateRepository<OrderView> orders = store().aggregates(OrderView.class);
    orders.append("o-7", ExpectedVersion.noStream(), new OrderPlaced("o-7", BigDecimal.ONE, "EUR"));
    try (DocumentSession session = store().lightweightSession()) {
      orders.in(session).append("o-8", ExpectedVersion.noStream(), new OrderPlaced("o-8", BigDecimal.ONE, "EUR"));
      orders.in(session).update("o-7", order -> List.of(new OrderShipped("o-7", "DHL")));
      orders.append("o-7", ExpectedVersion.exactly(1), new OrderShipped("o-7", "UPS"));

      assertThatThrownBy(session::saveChanges).isInstanceOf(ConcurrencyException.class);
    }
    assertThat(orders.load("o-8")).isEmpty();
    assertThat(orders.load("o-7").orElseThrow().status()).isEqualTo("shipped by UPS");
  }

  @Test
  void aTypeThatIsNotAnAggregateIsRefusedWithTheFix() {
    assertThatThrownBy(() -> store().aggregates(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String is not an aggregate of this store");
  }
}
