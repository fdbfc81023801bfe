package io.rillflow.tests.events;

import io.rillflow.DocumentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Holds an exclusive lock on {@link Gate}'s table, so a {@code saveChanges()} that stores a Gate
 * appends its events (appends go first) and then waits, its transaction open, until
 * {@link #open()}. Taking a table lock gives this transaction no transaction id, so it does not
 * itself hold back the global readers' safe point. Uses two of the store's connections; tests
 * that use it give their store a pool large enough for that and their sessions.
 */
final class GateLock implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final DocumentStore store;
  private final Connection connection;
  private final int pid;

  GateLock(DocumentStore store) throws SQLException {
    this.store = store;
    connection = store.dataSource().getConnection();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("LOCK TABLE \"" + store.schemaName() + "\".doc_gate IN ACCESS EXCLUSIVE MODE");
      try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
        row.next();
        pid = row.getInt(1);
      }
    }
  }

  /** Waits until {@code count} sessions wait at the gate. */
  void awaitWaitingAtGate(int count) throws Exception {
    await(count, "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))");
  }

  /** Waits until {@code count} transactions wait for one that waits at the gate. */
  void awaitWaitingBehindGate(int count) throws Exception {
    await(count, "SELECT count(*) FROM pg_stat_activity a WHERE EXISTS (SELECT 1 FROM pg_stat_activity f"
        + " WHERE ? = ANY (pg_blocking_pids(f.pid)) AND f.pid = ANY (pg_blocking_pids(a.pid)))");
  }

  /** Lets the waiting sessions through. */
  void open() throws SQLException {
    connection.commit();
  }

  @Override
  public void close() throws SQLException {
    connection.rollback();
    connection.close();
  }

  private void await(int count, String sql) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    // Its own connection, each poll its own transaction: pg_stat_activity is read once per transaction.
    try (Connection watcher = store.dataSource().getConnection(); PreparedStatement query = watcher.prepareStatement(sql)) {
      query.setInt(1, pid);
      while (true) {
        try (ResultSet row = query.executeQuery()) {
          row.next();
          if (row.getInt(1) >= count) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Fewer than " + count + " transactions waited within " + PATIENCE);
        }
        Thread.sleep(20);
      }
    }
  }
}
