package io.rillflow.tests.events;

import io.rillflow.DocumentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** The backends of a test's database that wait on a lock, found by what they run. */
public final class LockWaiters {
  private LockWaiters() {}

  /** The backend whose statement (containing {@code text}) waits on a lock, within 30 s. */
  public static int awaitBlockedOn(DocumentStore store, String text) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    try (Connection connection = store.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT pid FROM pg_stat_activity"
            + " WHERE wait_event_type = 'Lock' AND position(? in query) > 0 AND pid <> pg_backend_pid()")) {
      statement.setString(1, text);
      while (System.currentTimeMillis() < deadline) {
        try (ResultSet row = statement.executeQuery()) {
          if (row.next()) {
            return row.getInt(1);
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("no backend waited on a lock running " + text);
  }
}
