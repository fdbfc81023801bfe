package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.events.Checkpoint;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store-scoped safe point against the races it must win: an appender paused between taking
 * its lock and inserting while a reader reads, an appender whose transaction wrote (and got its
 * id) before a reader moved past younger events, and many of both at once.
 */
class SafePointRaceTest extends RillflowTestBase {

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.maximumPoolSize(12);
  }

  @BeforeEach
  void unrelatedTable() {
    RawSql.execute(store(), "CREATE TABLE IF NOT EXISTS unrelated (x int)");
  }

  /** A reader that keeps the checkpoint of the last event it saw and continues from there. */
  private final class CheckpointingReader {
    private Checkpoint checkpoint = Checkpoint.START;
    private final List<String> seen = new ArrayList<>();

    List<String> readToTheSafePoint() {
      List<String> batch = new ArrayList<>();
      List<EventEnvelope<?>> page;
      do {
        page = store().events().readAll(checkpoint, 3);
        for (EventEnvelope<?> event : page) {
          batch.add(event.streamId());
          checkpoint = event.checkpoint();
        }
      } while (!page.isEmpty());
      seen.addAll(batch);
      return batch;
    }
  }

  private String insertEvent(String stream) {
    return "INSERT INTO \"" + store().schemaName() + "\".rf_events (stream_id, version, type, schema_version, data)"
        + " VALUES ('" + stream + "', 1, 'OrderShipped', 1, '{\"orderId\": \"" + stream + "\", \"carrier\": \"x\"}')";
  }

  private String takeTicket() {
    return "SELECT \"" + store().schemaName() + "\".rf_append_ticket()";
  }

  private void appendCommitted(String stream) {
    store().events().append(stream, ExpectedVersion.noStream(), new OrderShipped(stream, "c"));
  }

  @Test
  void anAppenderPausedBetweenItsLockAndItsInsertHoldsTheReaderBack() throws Exception {
    CheckpointingReader reader = new CheckpointingReader();
    try (Connection appender = store().dataSource().getConnection(); Statement sql = appender.createStatement()) {
      appender.setAutoCommit(false);
      sql.execute(takeTicket());
      // Paused here: it holds the lock and its ticket, and has inserted nothing.
      appendCommitted("later");
      assertThat(reader.readToTheSafePoint()).as("held back by the paused appender").isEmpty();

      sql.execute(insertEvent("paused"));
      assertThat(reader.readToTheSafePoint()).as("still held back: not committed").isEmpty();
      appender.commit();
    }
    assertThat(reader.readToTheSafePoint()).containsExactly("paused", "later");
  }

  @Test
  void anAppenderWhoseTransactionWroteBeforeAReaderPassedYoungerEventsIsStillRead() throws Exception {
    CheckpointingReader reader = new CheckpointingReader();
    try (Connection appender = store().dataSource().getConnection(); Statement sql = appender.createStatement()) {
      appender.setAutoCommit(false);
      // Its transaction id is older than every event below, but it has not appended yet.
      sql.execute("INSERT INTO \"" + store().schemaName() + "\".unrelated VALUES (1)");
      appendCommitted("younger");
      assertThat(reader.readToTheSafePoint()).as("an open transaction that never appended holds nobody back")
          .containsExactly("younger");

      sql.execute(takeTicket());
      appendCommitted("youngest");
      assertThat(reader.readToTheSafePoint()).as("held back once it holds the appender lock").isEmpty();
      sql.execute(insertEvent("older"));
      appender.commit();
    }
    // With its transaction id as its place in the order, "older" would sort before "younger", behind
    // the reader's checkpoint, and never be read.
    assertThat(reader.readToTheSafePoint()).containsExactlyInAnyOrder("older", "youngest");
    assertThat(reader.seen).isEqualTo(streams(store().events().readAll(Checkpoint.START, 10)));
  }

  @Test
  void anAppenderWhoseTicketIsAheadOfEveryFinishedTransactionIsReadAsSoonAsItCommits() throws Exception {
    CheckpointingReader reader = new CheckpointingReader();
    try (Connection appender = store().dataSource().getConnection(); Statement sql = appender.createStatement()) {
      appender.setAutoCommit(false);
      sql.execute("INSERT INTO \"" + store().schemaName() + "\".unrelated VALUES (1)");
      // A younger transaction ends first: the appender's ticket is then above every finished
      // transaction's id, and nothing else ends after it.
      RawSql.execute(store(), "INSERT INTO \"" + store().schemaName() + "\".unrelated VALUES (2)");
      sql.execute(insertEvent("last"));
      appender.commit();
    }
    assertThat(reader.readToTheSafePoint()).as("read with nothing else written after it").containsExactly("last");
  }

  @Test
  void aLockHolderWithNoTransactionIdInTheLockTableBoundsTheSafePointByTheOldestRunningTransaction()
      throws Exception {
    try (Connection older = store().dataSource().getConnection(); Statement olderSql = older.createStatement();
        Connection holder = store().dataSource().getConnection(); Statement holderSql = holder.createStatement()) {
      older.setAutoCommit(false);
      olderSql.execute("INSERT INTO \"" + store().schemaName() + "\".unrelated VALUES (1)");
      long olderId = firstLong(olderSql, "SELECT pg_current_xact_id()::text::bigint");
      appendCommitted("younger");
      assertThat(safePointNow()).as("a transaction that never appends holds nobody back")
          .isGreaterThan(olderId);

      // What an appender looks like in the instant between the server giving it an xid and its
      // transactionid lock showing: the store's lock, and no transactionid lock.
      holder.setAutoCommit(false);
      holderSql.execute("SELECT pg_advisory_xact_lock_shared(1380730455, hashtext('" + store().schemaName() + "'))");
      assertThat(safePointNow()).as("bounded by the oldest running transaction").isLessThanOrEqualTo(olderId);
      holder.commit();
      assertThat(safePointNow()).isGreaterThan(olderId);
      older.rollback();
    }
  }

  @Test
  void manyAppendersWithAndWithoutEarlierWritesAndAReaderAllAlongLoseAndRepeatNothing() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    CheckpointingReader reader = new CheckpointingReader();
    CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
      while (writing.get()) {
        reader.readToTheSafePoint();
      }
    });
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    Set<String> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
    for (int w = 0; w < 6; w++) {
      int writer = w;
      writers.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 30; i++) {
          String stream = "w" + writer + "-" + i;
          if (writer % 2 == 0) {
            appendCommitted(stream);
          } else {
            writeThenAppend(stream);
          }
          written.add(stream);
        }
      }));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
    writing.set(false);
    reading.join();
    reader.readToTheSafePoint();

    assertThat(new HashSet<>(reader.seen)).as("every event read").isEqualTo(written);
    assertThat(reader.seen).as("none read twice").hasSize(written.size());
    assertThat(reader.seen).as("in the global order")
        .isEqualTo(streams(store().events().readAll(Checkpoint.START, written.size() + 1)));
  }

  @Test
  void aRepeatableReadTransactionThatWroteBeforeItsAppendIsRefused() throws Exception {
    try (Connection connection = store().dataSource().getConnection(); Statement sql = connection.createStatement()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      sql.execute("INSERT INTO \"" + store().schemaName() + "\".unrelated VALUES (1)");
      assertThatThrownBy(() -> sql.execute(insertEvent("refused"))).isInstanceOf(SQLException.class)
          .hasMessageContaining("cannot append events in a repeatable read transaction that has already written")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55000"));
      connection.rollback();

      sql.execute(insertEvent("appended first"));
      sql.execute("INSERT INTO \"" + store().schemaName() + "\".unrelated VALUES (2)");
      connection.commit();
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      connection.setAutoCommit(true);
    }
    assertThat(streams(store().events().readAll(Checkpoint.START, 10))).containsExactly("appended first");
  }

  /** In one transaction: an unrelated write (the transaction gets its id), a pause, then the append. */
  private void writeThenAppend(String stream) {
    try (Connection connection = store().dataSource().getConnection(); Statement sql = connection.createStatement()) {
      connection.setAutoCommit(false);
      sql.execute("INSERT INTO \"" + store().schemaName() + "\".unrelated VALUES (1)");
      Thread.sleep(ThreadLocalRandom.current().nextInt(3));
      sql.execute(insertEvent(stream));
      Thread.sleep(ThreadLocalRandom.current().nextInt(3));
      connection.commit();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The safe point as rf_appenders() computes it now, on a connection of its own. */
  private long safePointNow() throws SQLException {
    try (Connection connection = store().dataSource().getConnection(); Statement sql = connection.createStatement()) {
      return firstLong(sql, "SELECT safe_point::text::bigint FROM \"" + store().schemaName() + "\".rf_appenders() LIMIT 1");
    }
  }

  private static long firstLong(Statement sql, String query) throws SQLException {
    try (java.sql.ResultSet row = sql.executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }

  private static List<String> streams(List<EventEnvelope<?>> events) {
    return events.stream().map(EventEnvelope::streamId).toList();
  }
}
