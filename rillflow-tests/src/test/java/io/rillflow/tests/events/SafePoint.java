package io.rillflow.tests.events;

import io.rillflow.DocumentStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Waits until global reads can see every committed event of a store: a test that has committed its
 * events waits for the store's safe point to pass them instead of assuming it already has (an
 * appender of the store still open holds it back, by design).
 */
public final class SafePoint {
  private static final long DEADLINE_MILLIS = 30_000;

  private SafePoint() {}

  public static void await(DocumentStore store) {
    String schema = "\"" + store.schemaName() + "\"";
    String sql = "SELECT a.safe_point > coalesce((SELECT max(tx_id) FROM " + schema + ".rf_events), '0'::xid8),"
        + " a.ticket_at_safe_point FROM (SELECT * FROM " + schema + ".rf_appenders() LIMIT 1) a";
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      while (true) {
        try (ResultSet row = statement.executeQuery(sql)) {
          row.next();
          if (row.getBoolean(1)) {
            return;
          }
          if (row.getBoolean(2)) {
            // Only a ticket at xmax holds it back: end a transaction id, as the store's readers do.
            statement.execute("SELECT pg_current_xact_id()");
            continue;
          }
        }
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("The safe point did not pass this schema's events within " + DEADLINE_MILLIS
              + " ms: a transaction on the server stays open");
        }
        Thread.sleep(20);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
