package io.rillflow.tests.documents;

import io.rillflow.DocumentStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Raw reads of a store's tables, to check what really is in the database. */
final class Tables {
  private Tables() {}

  /** Every row of the table as text, ordered by id. */
  static List<String> dump(DocumentStore store, String table) {
    return query(store, "SELECT id::text || ' v' || version || ' ' || data::text FROM \""
        + store.schemaName() + "\"." + table + " ORDER BY id");
  }

  static void execute(DocumentStore store, String sql) {
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static List<String> query(DocumentStore store, String sql) {
    List<String> rows = new ArrayList<>();
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return rows;
  }
}
