package io.rillflow.cli;

import io.rillflow.DocumentStore;
import io.rillflow.query.Path;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.DuplicatedField;
import io.rillflow.sql.ConditionRenderer;
import io.rillflow.sql.SqlPath;
import io.rillflow.sql.SqlTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code docs index-advisor} reads and concludes for one document type: the indexes its table has
 * (from {@code pg_indexes}, so an index made by hand counts), the scan counters of the table, and for
 * each JSON path asked about whether an index serves the SQL the query rules write for it.
 *
 * <p>The paths come from the operator ({@code --field}), not from {@code pg_stat_statements}: it
 * replaces every literal of a statement by a parameter, and the path of {@code data #>> '{email}'} is
 * such a literal, so the statistics cannot say which paths were read.
 *
 * <p>A path is served when it is an indexed {@code @Duplicated} column, or when an index's definition
 * holds the path's JSON expression. Equality on JSON is written as containment ({@code data @> ?}),
 * which only a GIN index on {@code data} serves; ranges, patterns and ordering read the typed
 * expression, which an expression index (or a duplicated column) serves.
 */
final class IndexAdvisor {
  private static final int MAX_IDENTIFIER = 63;

  record Index(String name, String definition) {}

  record FieldAdvice(String path, String compareType, String column, String servedBy, boolean equalityByGin,
      String advice, String ddl) {}

  record Report(String type, String table, List<Index> indexes, boolean gin, String ginDdl,
      Map<String, Long> tableStatistics, List<FieldAdvice> fields) {}

  private final DocumentStore store;
  private final DocumentMapping<?, ?> mapping;

  IndexAdvisor(DocumentStore store, DocumentMapping<?, ?> mapping) {
    this.store = store;
    this.mapping = mapping;
  }

  /**
   * Advice on {@code paths} (dotted, checked against the type's metamodel) and, with {@code gin}, on a
   * GIN index over {@code data}.
   *
   * @throws IllegalArgumentException when a path is not one of the type's
   */
  Report advise(List<String> paths, boolean gin) {
    List<Path<?, ?>> resolved = new ArrayList<>();
    for (String dotted : paths) {
      Path<?, ?> path = mapping.path(dotted);
      if (path == null) {
        throw new IllegalArgumentException(type() + " has no property path \"" + dotted + "\" (dotted from the"
            + " document root, as in its metamodel " + type() + "_)");
      }
      resolved.add(path);
    }
    String table = quote(store.schemaName()) + "." + quote(mapping.tableName());
    List<Index> indexes;
    Map<String, Long> statistics;
    try (Connection connection = store.dataSource().getConnection()) {
      indexes = indexes(connection);
      statistics = statistics(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the indexes of " + table + ": " + e.getMessage(), e);
    }
    boolean ginPresent = indexes.stream().anyMatch(i -> i.definition().toLowerCase().contains("using gin (data"));
    String ginDdl = ginPresent || !gin ? null : "CREATE INDEX CONCURRENTLY IF NOT EXISTS "
        + quote(shortened(mapping.tableName() + "_data_gin")) + " ON " + table + " USING gin (data jsonb_path_ops)";
    List<FieldAdvice> fields = new ArrayList<>();
    for (Path<?, ?> path : resolved) {
      fields.add(field(path, indexes, ginPresent, table));
    }
    return new Report(type(), store.schemaName() + "." + mapping.tableName(), indexes, ginPresent, ginDdl,
        statistics, fields);
  }

  private FieldAdvice field(Path<?, ?> path, List<Index> indexes, boolean ginPresent, String table) {
    SqlPath sql = path.sqlPath();
    String type = sql.compareType();
    boolean byGin = sql.column() == null && SqlTypes.containable(type);
    DuplicatedField duplicated = mapping.duplicatedFields().stream()
        .filter(f -> f.path().equals(sql.segments())).findFirst().orElse(null);
    if (duplicated != null) {
      Pattern column = Pattern.compile("\\(\"?" + Pattern.quote(duplicated.column()) + "(_[0-9a-f]{8})?\"?[ ,)]");
      Index index = indexes.stream().filter(i -> column.matcher(i.definition()).find()).findFirst().orElse(null);
      if (index != null) {
        return new FieldAdvice(sql.dotted(), type, duplicated.column(), index.name(), false, "served", null);
      }
      return new FieldAdvice(sql.dotted(), type, duplicated.column(), null, false, "@Duplicated without an index:"
          + " make it @Duplicated(indexed = true), then schema apply", null);
    }
    String literal = "'{" + String.join(",", sql.segments()) + "}'";
    Index index = indexes.stream().filter(i -> i.definition().contains(literal) && !i.definition().contains("gin"))
        .findFirst().orElse(null);
    String servedBy = index != null ? index.name() : null;
    String equality = byGin ? (ginPresent ? "; equality: the GIN index" : "; equality (containment) needs a GIN index"
        + " on data: @Document(gin = true) or --gin") : "";
    if (servedBy != null) {
      return new FieldAdvice(sql.dotted(), type, null, servedBy, byGin, "ranges, patterns and sorting: served"
          + equality, null);
    }
    boolean immutableCast = !Set.of("timestamptz", "timestamp", "date").contains(type);
    String ddl = immutableCast ? "CREATE INDEX CONCURRENTLY IF NOT EXISTS "
        + quote(shortened(mapping.tableName() + "_" + String.join("_", sql.segments()) + "_json")) + " ON " + table
        + " ((" + ConditionRenderer.typed(sql) + "))" : null;
    String advice = "@Duplicated on " + type() + "." + sql.dotted() + " (a typed column with its index, then"
        + " schema apply)" + (immutableCast ? ", or the expression index below" : "; an expression index cannot cast"
        + " JSON text to a " + type + " (the cast is not immutable)") + equality;
    return new FieldAdvice(sql.dotted(), type, null, null, byGin, advice, ddl);
  }

  private List<Index> indexes(Connection connection) throws SQLException {
    List<Index> indexes = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT indexname, indexdef FROM pg_indexes"
        + " WHERE schemaname = ? AND tablename = ? ORDER BY indexname")) {
      query.setString(1, store.schemaName());
      query.setString(2, mapping.tableName());
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          indexes.add(new Index(row.getString(1), row.getString(2)));
        }
      }
    }
    if (indexes.isEmpty()) {
      throw new NotFoundException("The table " + store.schemaName() + "." + mapping.tableName() + " of "
          + type() + " does not exist (or has no primary key): run schema apply first");
    }
    return indexes;
  }

  /** The table's scan counters (PostgreSQL's cumulative statistics, updated within a second or so). */
  private Map<String, Long> statistics(Connection connection) throws SQLException {
    Map<String, Long> statistics = new LinkedHashMap<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT seq_scan, seq_tup_read, idx_scan, n_live_tup"
        + " FROM pg_stat_user_tables WHERE schemaname = ? AND relname = ?")) {
      query.setString(1, store.schemaName());
      query.setString(2, mapping.tableName());
      try (ResultSet row = query.executeQuery()) {
        if (row.next()) {
          statistics.put("sequentialScans", row.getLong(1));
          statistics.put("rowsReadBySequentialScans", row.getLong(2));
          statistics.put("indexScans", row.getLong(3));
          statistics.put("liveRows", row.getLong(4));
        }
      }
    }
    return statistics;
  }

  private String type() {
    return mapping.documentType().getSimpleName();
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String shortened(String name) {
    return name.length() <= MAX_IDENTIFIER ? name : name.substring(0, MAX_IDENTIFIER);
  }
}
