package io.rillflow.tests.dcb;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.events.AppendLockTimeoutException;
import io.rillflow.tests.events.RawSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the DCB tests see of the advisory locks of tagged appends, and of the backends holding them. */
final class DcbLocks {
  private static final String WAITING = "FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
      + " AND classid::text = '" + AppendLockTimeoutException.LOCK_CLASS + "'";

  private DcbLocks() {}

  /** Polls pg_locks until {@code count} backends wait for a DCB lock (generous bound for a loaded machine). */
  static void awaitWaiters(DocumentStore store, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (RawSql.count(store, "SELECT count(*) " + WAITING) < count) {
      assertThat(System.nanoTime()).as("a DCB lock waiter within 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** The backends waiting for a DCB lock. */
  static List<String> waiters(DocumentStore store) {
    return RawSql.column(store, "SELECT pid::text " + WAITING);
  }

  static long pid(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
      row.next();
      return row.getLong(1);
    }
  }

  /** Ends a backend as an admin would ({@code pg_terminate_backend}); whether it was there to end. */
  static boolean terminate(DocumentStore store, long pid) {
    return RawSql.count(store, "SELECT count(*) FROM (SELECT pg_terminate_backend(" + pid + ") AS ended) t"
        + " WHERE ended") == 1;
  }
}
