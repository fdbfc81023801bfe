package io.rillflow.internal.events;

import io.rillflow.DocumentStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The plan PostgreSQL makes for a statement the runtime sends, prepared as the driver prepares it
 * ({@code ?} become {@code $n}), so the plan cache mode decides between the generic and the custom plan.
 */
final class PreparedPlans {
  private PreparedPlans() {}

  /**
   * @param explain {@code EXPLAIN} or {@code EXPLAIN (ANALYZE, ...)}
   * @param arguments the {@code EXECUTE} arguments, as SQL
   */
  static String explain(DocumentStore store, String sql, String planCacheMode, String explain, String arguments)
      throws SQLException {
    String numbered = sql;
    for (int parameter = 1; numbered.contains("?"); parameter++) {
      numbered = numbered.replaceFirst("\\?", "\\$" + parameter);
    }
    try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET plan_cache_mode = " + planCacheMode);
      statement.execute("PREPARE planned AS " + numbered);
      try (ResultSet rows = statement.executeQuery(explain + " EXECUTE planned(" + arguments + ")")) {
        StringBuilder plan = new StringBuilder();
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
        return plan.toString();
      } finally {
        statement.execute("DEALLOCATE planned");
        statement.execute("RESET plan_cache_mode");
      }
    }
  }
}
