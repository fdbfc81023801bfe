package io.rillflow.tests.aggregates;

import io.rillflow.DocumentStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Raw SQL on a store's schema: to check what is really stored, and to change rows behind Rillflow's back. */
final class RawSql {
  private RawSql() {}

  static void execute(DocumentStore store, String sql) {
    column(store, sql + " RETURNING 1");
  }

  /** The first column of every row, as text. */
  static List<String> column(DocumentStore store, String sql) {
    List<String> values = new ArrayList<>();
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO \"" + store.schemaName() + "\"");
      try (ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      statement.execute("RESET search_path");
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return values;
  }
}
