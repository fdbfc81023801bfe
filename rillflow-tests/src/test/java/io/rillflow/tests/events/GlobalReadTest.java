package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.events.Checkpoint;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** readAll in global order, up to the safe point, continued from checkpoints. */
class GlobalReadTest extends RillflowTestBase {

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.maximumPoolSize(8);
  }

  /** A reader that keeps the checkpoint of the last event it saw and continues from there. */
  private final class CheckpointingReader {
    private Checkpoint checkpoint = Checkpoint.START;
    private final List<String> seen = new ArrayList<>();

    List<String> poll() {
      List<String> batch = new ArrayList<>();
      for (EventEnvelope<?> event : store().events().readAll(checkpoint, 2)) {
        batch.add(event.streamId());
        checkpoint = event.checkpoint();
      }
      seen.addAll(batch);
      return batch;
    }

    List<String> pollUntilEmpty() {
      while (!poll().isEmpty()) {
        // next page
      }
      return seen;
    }
  }

  @Test
  void readAllDoesNotPassTheEventOfATransactionStillOpen() throws Exception {
    CheckpointingReader reader = new CheckpointingReader();
    CompletableFuture<Void> first;
    try (GateLock gate = new GateLock(store())) {
      // The first transaction appends, then waits at the gate: its event is written, not committed.
      first = CompletableFuture.runAsync(() -> {
        try (DocumentSession session = store().lightweightSession()) {
          session.events().append("first", ExpectedVersion.noStream(), new OrderShipped("1", "a"));
          session.store(new Gate("g"));
          session.saveChanges();
        }
      });
      gate.awaitWaitingAtGate(1);
      // Two more commit after it.
      store().events().append("second", ExpectedVersion.noStream(), new OrderShipped("2", "b"));
      store().events().append("third", ExpectedVersion.noStream(), new OrderShipped("3", "c"));
      assertThat(RawSql.column(store(), "SELECT stream_id FROM rf_events ORDER BY seq_id"))
          .as("committed and visible to any plain query").containsExactly("second", "third");

      assertThat(reader.poll()).as("held back until the first commits").isEmpty();
      try (Stream<EventEnvelope<?>> all = store().events().scanAll(Checkpoint.START)) {
        assertThat(all).isEmpty();
      }

      gate.open();
    }
    first.join();

    SafePoint.await(store());
    assertThat(reader.pollUntilEmpty()).containsExactly("first", "second", "third");
    List<EventEnvelope<?>> all = store().events().readAll(Checkpoint.START, 10);
    assertThat(all.get(0).position())
        .as("a reader ordering by position alone and keeping the last it saw would have skipped the first")
        .isLessThan(all.get(1).position());
  }

  @Test
  void aTransactionThatStartedFirstButCommittedLastIsReadAfterTheCheckpointItFallsBehind() throws Exception {
    // Positions are handed out as events are written, not as they commit: here the younger
    // transaction writes first (lower position) and commits last.
    try (Connection older = store().dataSource().getConnection();
        Connection younger = store().dataSource().getConnection();
        Statement olderSql = older.createStatement();
        Statement youngerSql = younger.createStatement()) {
      older.setAutoCommit(false);
      younger.setAutoCommit(false);
      String insert = "INSERT INTO \"" + store().schemaName() + "\".rf_events (stream_id, version, type, schema_version, data)"
          + " VALUES ('%s', 1, 'OrderShipped', 1, '{\"orderId\": \"%s\", \"carrier\": \"x\"}')";
      olderSql.execute("SELECT pg_current_xact_id()");
      youngerSql.execute(String.format(insert, "younger", "y"));
      olderSql.execute(String.format(insert, "older", "o"));
      older.commit();

      CheckpointingReader reader = new CheckpointingReader();
      assertThat(reader.pollUntilEmpty()).containsExactly("older");

      younger.commit();
      assertThat(reader.pollUntilEmpty()).containsExactly("older", "younger");
    } finally {
      // Connections go back to the pool with autocommit on.
    }
    SafePoint.await(store());
    List<EventEnvelope<?>> all = store().events().readAll(Checkpoint.START, 10);
    assertThat(all).extracting(EventEnvelope::streamId).containsExactly("older", "younger");
    assertThat(all.get(1).position()).isLessThan(all.get(0).position());
    assertThat(all.get(0).checkpoint()).isLessThan(all.get(1).checkpoint());
  }

  @Test
  void readAllPagesThroughEveryEventOnceInWriteOrder() {
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String stream = "s" + (i % 3);
      store().events().append(stream, ExpectedVersion.any(), new OrderShipped("o" + i, "c"));
      written.add(stream);
    }

    CheckpointingReader reader = new CheckpointingReader();
    assertThat(reader.pollUntilEmpty()).isEqualTo(written);
    assertThat(reader.poll()).isEmpty();
    store().events().append("late", ExpectedVersion.any(), new OrderShipped("late", "c"));
    assertThat(reader.poll()).containsExactly("late");

    SafePoint.await(store());
    try (Stream<EventEnvelope<?>> all = store().events().scanAll(Checkpoint.START)) {
      assertThat(all).extracting(EventEnvelope::streamId).hasSize(8).endsWith("late");
    }
    assertThatThrownBy(() -> store().events().readAll(Checkpoint.START, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
