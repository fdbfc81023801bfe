package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.IdempotencyConflictException;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With store-wide keys, a retried command that starts a stream under a fresh id is recognised. */
class StoreWideIdempotencyTest extends RillflowTestBase {
  private static final AppendOptions COMMAND_42 = AppendOptions.builder().idempotencyKey("command-42").build();

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.storeWideIdempotencyKeys(true);
  }

  private static OrderPlaced placed(String id) {
    return new OrderPlaced(id, BigDecimal.ONE, "EUR");
  }

  @Test
  void aRetryUnderAFreshStreamIdNamesWhereTheKeyWasFirstUsedAndWritesNothing() {
    AppendResult first = store().events().append("order-1", ExpectedVersion.noStream(), COMMAND_42, placed("order-1"));

    assertThatThrownBy(() -> store().events().append("order-2", ExpectedVersion.noStream(), COMMAND_42,
        placed("order-2"))).isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
          assertThat(e.streamId()).isEqualTo("order-1");
          assertThat(e.idempotencyKey()).isEqualTo("command-42");
          assertThat(e.version()).isEqualTo(1);
          assertThat(e.position()).isEqualTo(first.lastPosition());
          assertThat(e).hasMessageContaining("stream order-1");
        });
    assertThat(store().events().streamState("order-2")).isEmpty();
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events")).isOne();
    // The same stream still answers as before.
    assertThatThrownBy(() -> store().events().append("order-1", ExpectedVersion.any(), COMMAND_42, placed("order-1")))
        .isInstanceOf(IdempotencyConflictException.class);
    // In a unit of work the refusal leaves the transaction usable and writes nothing of it.
    try (DocumentSession session = store().openSession()) {
      session.events().append("order-3", ExpectedVersion.noStream(), COMMAND_42, placed("order-3"));
      assertThatThrownBy(session::saveChanges).isInstanceOf(IdempotencyConflictException.class);
    }
    assertThat(store().events().streamState("order-3")).isEmpty();
  }

  @Test
  void twoAppendsRacingWithOneKeyIntoTwoStreamsStoreOnlyOne() throws Exception {
    try (Connection first = store().dataSource().getConnection()) {
      first.setAutoCommit(false);
      // The first holds its claim of the key in an open transaction...
      try (DocumentSession session = store().openSession(first)) {
        session.events().append("race-a", ExpectedVersion.noStream(), COMMAND_42, placed("race-a"));
        session.saveChanges();
      }
      // ...the second, another stream, must wait for it on the key's row rather than pass by.
      CompletableFuture<AppendResult> second = CompletableFuture.supplyAsync(() -> store().events()
          .append("race-b", ExpectedVersion.noStream(), COMMAND_42, placed("race-b")));
      awaitBlockedBy(backendPid(first), Duration.ofSeconds(30));
      assertThat(second).isNotDone();
      first.commit();

      assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(IdempotencyConflictException.class,
              e -> assertThat(e.streamId()).isEqualTo("race-a"));
    }
    assertThat(store().events().readStream("race-a")).hasSize(1);
    assertThat(store().events().streamState("race-b")).isEmpty();
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events")).isOne();
  }

  private static int backendPid(Connection connection) throws java.sql.SQLException {
    try (var statement = connection.createStatement(); var row = statement.executeQuery("SELECT pg_backend_pid()")) {
      row.next();
      return row.getInt(1);
    }
  }

  /**
   * Waits until some backend is blocked by {@code holder}: the second append waiting on the first's
   * claim of the key. (Matching the waiter's query text would not do: pg_stat_activity cuts it at
   * track_activity_query_size, and the append statement is longer with a long schema name.)
   */
  private void awaitBlockedBy(int holder, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (RawSql.count(store(), "SELECT count(*) FROM pg_stat_activity WHERE " + holder + " = ANY (pg_blocking_pids(pid))")
          > 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the second append never waited for the first one's key");
  }
}
