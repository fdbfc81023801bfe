package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.events.AppendOptions;
import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentExistsException;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.IdempotencyConflictException;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SessionAppendTest extends RillflowTestBase {

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.maximumPoolSize(8);
  }

  private static OrderPlaced placed(String id) {
    return new OrderPlaced(id, new BigDecimal("9.99"), "EUR");
  }

  @Test
  void documentsAndEventsOfASessionCommitTogether() {
    Order order = new Order(UUID.randomUUID(), "placed");
    try (DocumentSession session = store().openSession()) {
      session.store(order);
      session.events().append(order.id(), ExpectedVersion.noStream(), placed("o-1"));
      session.events().append(order.id(), ExpectedVersion.exactly(1), new OrderShipped("o-1", "DHL"));
      assertThat(session.pendingChanges()).isEqualTo(3);
      assertThat(session.events().pendingAppends()).isEqualTo(2);
      assertThat(store().events().readStream(order.id())).as("nothing before saveChanges").isEmpty();

      session.saveChanges();

      assertThat(session.pendingChanges()).isZero();
    }
    assertThat(store().querySession().load(Order.class, order.id())).contains(order);
    assertThat(store().events().readStream(order.id())).extracting(EventEnvelope::version).containsExactly(1L, 2L);
  }

  @Test
  void aStreamConflictWritesNoDocumentAndKeepsEverythingQueued() {
    store().events().append("taken", ExpectedVersion.noStream(), placed("o-1"));
    Order order = new Order(UUID.randomUUID(), "placed");
    try (DocumentSession session = store().lightweightSession()) {
      session.store(order);
      session.events().append("fresh", ExpectedVersion.noStream(), placed("o-2"));
      session.events().append("taken", ExpectedVersion.noStream(), placed("o-3"));

      assertThatThrownBy(session::saveChanges)
          .isInstanceOf(ConcurrencyException.class)
          .hasMessage("stream taken: expected no stream, but it is at version 1");

      assertThat(session.pendingChanges()).isEqualTo(3);
      session.ejectAll();
      assertThat(session.pendingChanges()).isZero();
    }
    assertThat(store().querySession().load(Order.class, order.id())).isEmpty();
    assertThat(store().events().streamState("fresh")).isEmpty();
    assertThat(store().events().readStream("taken")).hasSize(1);
  }

  @Test
  void aDocumentFailureWritesNoEvent() {
    Order order = new Order(UUID.randomUUID(), "placed");
    try (DocumentSession session = store().lightweightSession()) {
      session.store(order);
      session.saveChanges();
    }
    try (DocumentSession session = store().lightweightSession()) {
      session.events().append(order.id(), ExpectedVersion.noStream(), placed("o-1"));
      session.insert(order);

      assertThatThrownBy(session::saveChanges).isInstanceOf(DocumentExistsException.class);
    }
    assertThat(store().events().streamState(order.id())).isEmpty();
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events")).isZero();
  }

  @Test
  void aKeyUsedTwiceInOneSessionFailsTheWholeUnitOfWork() {
    AppendOptions key = AppendOptions.builder().idempotencyKey("k-1").build();
    Order order = new Order(UUID.randomUUID(), "placed");
    try (DocumentSession session = store().lightweightSession()) {
      session.store(order);
      session.events().append("keyed", ExpectedVersion.any(), key, placed("o-1"));
      session.events().append("keyed", ExpectedVersion.any(), key, placed("o-2"));

      assertThatThrownBy(session::saveChanges)
          .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> assertThat(e.version()).isEqualTo(1));
    }
    assertThat(store().querySession().load(Order.class, order.id())).isEmpty();
    assertThat(store().events().streamState("keyed")).isEmpty();
  }

  @Test
  void appendsRacingWithOneKeyLetOnlyTheFirstThrough() throws Exception {
    AppendOptions key = AppendOptions.builder().idempotencyKey("command-7").build();
    CompletableFuture<Void> first;
    CompletableFuture<Void> secondInSession;
    CompletableFuture<Void> secondAlone;
    try (GateLock gate = new GateLock(store())) {
      // The first holds the stream's row and its keyed event, uncommitted, while it waits at the gate.
      first = CompletableFuture.runAsync(() -> {
        try (DocumentSession session = store().lightweightSession()) {
          session.events().append("raced", ExpectedVersion.any(), key, placed("first"));
          session.store(new Gate("g-1"));
          session.saveChanges();
        }
      });
      gate.awaitWaitingAtGate(1);
      // These cannot see its key yet, pass their own check, and queue behind its row lock.
      secondInSession = CompletableFuture.runAsync(() -> {
        try (DocumentSession session = store().lightweightSession()) {
          session.events().append("raced", ExpectedVersion.any(), key, placed("second"));
          session.store(new Gate("g-2"));
          session.saveChanges();
        }
      });
      secondAlone = CompletableFuture.runAsync(
          () -> store().events().append("raced", ExpectedVersion.any(), key, placed("third")));
      gate.awaitWaitingBehindGate(2);
      gate.open();
    }
    first.join();
    for (CompletableFuture<Void> loser : java.util.List.of(secondInSession, secondAlone)) {
      assertThatThrownBy(loser::join)
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.idempotencyKey()).isEqualTo("command-7");
          });
    }
    assertThat(store().events().readStream("raced")).singleElement()
        .satisfies(e -> assertThat(e.data()).isEqualTo(placed("first")));
    assertThat(store().querySession().load(Gate.class, "g-2")).isEmpty();
  }
}
