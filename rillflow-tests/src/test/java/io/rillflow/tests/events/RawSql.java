package io.rillflow.tests.events;

import io.rillflow.DocumentStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Raw SQL on a store's schema, to write rows the API would not and to check what is really stored. */
public final class RawSql {
  private RawSql() {}

  public static void execute(DocumentStore store, String sql) {
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO \"" + store.schemaName() + "\"");
      statement.execute(sql);
      statement.execute("RESET search_path");
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The first column of every row, as text. */
  public static List<String> column(DocumentStore store, String sql) {
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

  public static long count(DocumentStore store, String sql) {
    return Long.parseLong(column(store, sql).get(0));
  }
}
