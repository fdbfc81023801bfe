package io.rillflow.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What one schema holds now, read from PostgreSQL's catalogue: tables, their columns and column comments, index names. */
final class Catalogue {
  private final Map<String, Set<String>> columnsByTable;
  /** "table.column" to the column's comment, for columns that have one. */
  private final Map<String, String> comments;
  private final Set<String> indexes;

  private Catalogue(Map<String, Set<String>> columnsByTable, Map<String, String> comments, Set<String> indexes) {
    this.columnsByTable = columnsByTable;
    this.comments = comments;
    this.indexes = indexes;
  }

  static Catalogue read(Connection connection, String schema) throws SQLException {
    Map<String, Set<String>> columns = new HashMap<>();
    Map<String, String> comments = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT c.relname, a.attname, col_description(c.oid, a.attnum) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p')")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Set<String> tableColumns = columns.computeIfAbsent(rows.getString(1), t -> new HashSet<>());
          if (rows.getString(2) != null) {
            tableColumns.add(rows.getString(2));
            if (rows.getString(3) != null) {
              comments.put(rows.getString(1) + "." + rows.getString(2), rows.getString(3));
            }
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
    return new Catalogue(columns, comments, indexes);
  }

  boolean hasTable(String table) {
    return columnsByTable.containsKey(table);
  }

  boolean hasColumn(String table, String column) {
    return columnsByTable.getOrDefault(table, Set.of()).contains(column);
  }

  Set<String> columns(String table) {
    return columnsByTable.getOrDefault(table, Set.of());
  }

  /** The column's comment, or {@code null}. */
  String comment(String table, String column) {
    return comments.get(table + "." + column);
  }

  boolean hasIndex(String index) {
    return indexes.contains(index);
  }
}
