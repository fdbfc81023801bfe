package io.rillflow.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What one schema holds now, read from PostgreSQL's catalogue: tables with their columns, and index names. */
final class Catalogue {
  private final Map<String, Set<String>> columnsByTable;
  private final Set<String> indexes;

  private Catalogue(Map<String, Set<String>> columnsByTable, Set<String> indexes) {
    this.columnsByTable = columnsByTable;
    this.indexes = indexes;
  }

  static Catalogue read(Connection connection, String schema) throws SQLException {
    Map<String, Set<String>> columns = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT c.relname, a.attname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p')")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Set<String> tableColumns = columns.computeIfAbsent(rows.getString(1), t -> new HashSet<>());
          if (rows.getString(2) != null) {
            tableColumns.add(rows.getString(2));
          }
        }
      }
    }
    Set<String> indexes = new HashSet<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT indexname FROM pg_indexes WHERE schemaname = ?")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          indexes.add(rows.getString(1));
        }
      }
    }
    return new Catalogue(columns, indexes);
  }

  boolean hasTable(String table) {
    return columnsByTable.containsKey(table);
  }

  boolean hasColumn(String table, String column) {
    return columnsByTable.getOrDefault(table, Set.of()).contains(column);
  }

  boolean hasIndex(String index) {
    return indexes.contains(index);
  }
}
