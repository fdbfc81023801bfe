package io.rillflow.internal.schema;

import io.rillflow.internal.document.IdColumns;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.spi.ColumnType;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.DuplicatedField;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The DDL one document mapping needs in one schema: the table with its fixed columns, one stored
 * generated column per duplicated field, and their indexes.
 */
final class DocumentTableDdl {
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  /** Starts the comment of every column Rillflow generates, so that ALL knows which it may drop. */
  static final String COMMENT_PREFIX = "rillflow: ";

  private final String schema;
  private final String table;
  private final String qualifiedTable;
  /** Column name to its definition (without the name), in table order. */
  private final Map<String, String> columns = new LinkedHashMap<>();
  /** The duplicated columns' definitions, which are also written as their comments. */
  private final Map<String, String> generated = new LinkedHashMap<>();
  /** Duplicated column name to the name of its index, for those that have one. */
  private final Map<String, String> indexOfColumn = new LinkedHashMap<>();
  /** Index name to its CREATE INDEX statement. */
  private final Map<String, String> indexes = new LinkedHashMap<>();

  DocumentTableDdl(DocumentMapping<?, ?> mapping, String schema) {
    this.schema = schema;
    this.table = mapping.tableName();
    this.qualifiedTable = Identifiers.quote(schema) + "." + Identifiers.quote(table);
    columns.put("id", IdColumns.sqlType(mapping.idType()) + " NOT NULL PRIMARY KEY");
    columns.put("data", "jsonb NOT NULL");
    columns.put("version", "bigint NOT NULL DEFAULT 1");
    columns.put("created_at", "timestamptz NOT NULL DEFAULT now()");
    columns.put("updated_at", "timestamptz NOT NULL DEFAULT now()");
    if (mapping.softDelete()) {
      columns.put("deleted_at", "timestamptz");
    }
    if (mapping.ginIndexed()) {
      String index = table.length() > 54 ? table.substring(0, 54) + "_data_gin" : table + "_data_gin";
      indexes.put(index, "CREATE INDEX IF NOT EXISTS " + Identifiers.quote(index) + " ON " + qualifiedTable
          + " USING gin (data jsonb_path_ops)");
    }
    for (DuplicatedField field : mapping.duplicatedFields()) {
      Identifiers.quote(field.column());
      String definition = field.type().sql() + " GENERATED ALWAYS AS (" + expression(field) + ") STORED";
      columns.put(field.column(), definition);
      generated.put(field.column(), definition);
      if (field.indexed()) {
        String index = indexName(field.column(), field.unique());
        indexOfColumn.put(field.column(), index);
        indexes.put(index, "CREATE " + (field.unique() ? "UNIQUE " : "") + "INDEX IF NOT EXISTS "
            + Identifiers.quote(index) + " ON " + qualifiedTable + " (" + Identifiers.quote(field.column()) + ")");
      }
    }
  }

  String table() {
    return table;
  }

  Map<String, String> columns() {
    return columns;
  }

  Map<String, String> indexes() {
    return indexes;
  }

  /** Duplicated column name to its definition. */
  Map<String, String> generated() {
    return generated;
  }

  /** The index of a duplicated column, or {@code null}. */
  String indexOf(String column) {
    return indexOfColumn.get(column);
  }

  /**
   * Marks a duplicated column with its definition, so that a later start can tell a changed
   * {@code @Duplicated} from an unchanged one without parsing PostgreSQL's rendering of the expression.
   */
  String comment(String column) {
    return "COMMENT ON COLUMN " + qualifiedTable + "." + Identifiers.quote(column) + " IS '"
        + COMMENT_PREFIX + generated.get(column).replace("'", "''") + "'";
  }

  /** The comment {@link #comment} writes, as the catalogue returns it. */
  String commentText(String column) {
    return COMMENT_PREFIX + generated.get(column);
  }

  String dropColumn(String column) {
    return "ALTER TABLE " + qualifiedTable + " DROP COLUMN IF EXISTS " + Identifiers.quote(column);
  }

  String createTable() {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualifiedTable).append(" (");
    String separator = "\n    ";
    for (Map.Entry<String, String> column : columns.entrySet()) {
      sql.append(separator).append(Identifiers.quote(column.getKey())).append(' ').append(column.getValue());
      separator = ",\n    ";
    }
    return sql.append("\n)").toString();
  }

  String addColumn(String column) {
    return "ALTER TABLE " + qualifiedTable + " ADD COLUMN IF NOT EXISTS "
        + Identifiers.quote(column) + " " + columns.get(column);
  }

  /** The SQL expression reading the field's JSON path as its column type; immutable, as a stored column needs. */
  private String expression(DuplicatedField field) {
    for (String property : field.path()) {
      if (!PROPERTY.matcher(property).matches()) {
        throw new IllegalArgumentException("Duplicated path " + field.path() + " of table " + table
            + " has a segment that is not a Java identifier: " + property);
      }
    }
    String text = "(data #>> '{" + String.join(",", field.path()) + "}')";
    String fn = Identifiers.quote(schema) + ".";
    return switch (field.type()) {
      case TEXT -> field.lowercase() ? "lower" + text : text;
      case TIMESTAMPTZ -> fn + "rf_timestamptz" + text;
      case TIMESTAMP -> fn + "rf_timestamp" + text;
      case DATE -> fn + "rf_date" + text;
      default -> text + "::" + field.type().sql();
    };
  }

  /** {@code <table>_<column>_idx}, shortened with a hash to PostgreSQL's 63 characters. */
  private String indexName(String column, boolean unique) {
    String name = table + "_" + column + (unique ? "_uidx" : "_idx");
    if (name.length() <= 63) {
      return name;
    }
    String hash = Integer.toHexString(name.hashCode());
    return name.substring(0, 63 - hash.length() - 1) + "_" + hash;
  }

}
