package io.rillflow.internal.schema;

import io.rillflow.internal.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one schema holds now, read from PostgreSQL's catalogue: tables, their columns and column
 * comments, indexes with their table, validity and comment.
 */
final class Catalogue {
  /** One index: its table, whether a concurrent build finished ({@code indisvalid}), its comment or null. */
  record Index(String table, boolean valid, String comment) {}

  private final Map<String, Set<String>> columnsByTable;
  /** "table.column" to the column's comment, for columns that have one. */
  private final Map<String, String> comments;
  private final Map<String, Index> indexes;

  private Catalogue(Map<String, Set<String>> columnsByTable, Map<String, String> comments, Map<String, Index> indexes) {
    this.columnsByTable = columnsByTable;
    this.comments = comments;
    this.indexes = indexes;
  }

  static Catalogue read(Connection connection, String schema) throws SQLException {
    Map<String, Set<String>> columns = new TreeMap<>();
    Map<String, String> comments = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT c.relname, a.attname, col_description(c.oid, a.attnum) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Set<String> tableColumns = columns.computeIfAbsent(rows.getString(1), t -> new LinkedHashSet<>());
          if (rows.getString(2) != null) {
            tableColumns.add(rows.getString(2));
            if (rows.getString(3) != null) {
              comments.put(rows.getString(1) + "." + rows.getString(2), rows.getString(3));
            }
          }
        }
      }
    }
    Map<String, Index> indexes = new TreeMap<>();
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT i.relname, t.relname, x.indisvalid, obj_description(i.oid, 'pg_class') FROM pg_index x"
            + " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            + " JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = ?")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          indexes.put(rows.getString(1), new Index(rows.getString(2), rows.getBoolean(3), rows.getString(4)));
        }
      }
    }
    return new Catalogue(columns, comments, indexes);
  }

  boolean hasTable(String table) {
    return columnsByTable.containsKey(table);
  }

  Set<String> tables() {
    return columnsByTable.keySet();
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
    return indexes.containsKey(index);
  }

  /** The index, or {@code null}. */
  Index index(String index) {
    return indexes.get(index);
  }

  /** Index name to index, for every index of the schema. */
  Map<String, Index> indexes() {
    return indexes;
  }

  /** Whether the table holds at least one row (one cheap query, only asked of tables no mapping names). */
  static boolean hasRows(Connection connection, String schema, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + Identifiers.quote(schema) + "."
            + Identifiers.quote(table) + ")")) {
      return row.next() && row.getBoolean(1);
    }
  }
}
