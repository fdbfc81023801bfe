package io.rillflow.sql;

import java.util.List;

/**
 * Whole statements around a rendered condition. Their table is written {@value #TABLE}: generated
 * SQL never names a schema, and the store puts in the schema-qualified name once per statement and
 * schema ({@link #qualify}).
 */
public final class Statements {
  /** Where a statement names its table. */
  public static final String TABLE = "{{table}}";

  private Statements() {}

  /**
   * {@code " WHERE ..."}: the condition, behind the not-deleted filter for a soft-deleting table;
   * "" when there is neither.
   *
   * @param condition the rendered condition, or {@code null} for all documents
   */
  public static String where(RenderedCondition condition, boolean softDelete) {
    return where(condition, softDelete ? DeletedRows.LIVE : DeletedRows.ALL);
  }

  /**
   * {@code " WHERE ..."}: the condition, behind the filter of {@code rows} (for a soft-deleting
   * table); "" when there is neither.
   */
  public static String where(RenderedCondition condition, DeletedRows rows) {
    String filter = rows.condition();
    if (condition == null) {
      return filter != null ? " WHERE " + filter : "";
    }
    return " WHERE " + (filter != null ? filter + " AND (" + condition.sql() + ")" : condition.sql());
  }

  /** {@code " ORDER BY a ASC, b DESC"}, or {@code ", a ASC..."} after an existing ordering; "" for none. */
  public static String orderBy(List<SqlOrder> orders, boolean continuing) {
    if (orders.isEmpty()) {
      return "";
    }
    StringBuilder sql = new StringBuilder(continuing ? ", " : " ORDER BY ");
    for (int i = 0; i < orders.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(orders.get(i).sql());
    }
    return sql.toString();
  }

  /**
   * The documents (or what {@code selected} builds from them) that match, in order, at most
   * {@code limit} of them ({@code -1}: no limit), the limit written into the text.
   */
  public static String select(String selected, String where, List<SqlOrder> orders, int limit) {
    return "SELECT " + selected + " FROM " + TABLE + where + orderBy(orders, false) + (limit >= 0 ? " LIMIT " + limit : "");
  }

  /** How many documents match. */
  public static String count(String where) {
    return "SELECT count(*) FROM " + TABLE + where;
  }

  /** 1 when some document matches, else 0: stops at the first. */
  public static String exists(String where) {
    return "SELECT count(*) FROM (SELECT 1 FROM " + TABLE + where + " LIMIT 1) x";
  }

  /** Deletes the matching documents; a soft-deleting table marks them deleted instead. */
  public static String delete(String where, boolean softDelete) {
    return softDelete ? "UPDATE " + TABLE + " SET deleted_at = now()" + where : "DELETE FROM " + TABLE + where;
  }

  /**
   * A JSON object built from the document with one property per name, each read at its path:
   * {@code jsonb_build_object('title', data #> '{title}', ...)}, for reading a projection record.
   */
  public static String projection(List<String> names, List<List<String>> paths) {
    StringBuilder object = new StringBuilder("jsonb_build_object(");
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
        throw new IllegalArgumentException("Not a property name: " + names.get(i));
      }
      object.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append("', data #> ")
          .append(ConditionRenderer.literal(SqlPath.json(paths.get(i), null).segments()));
    }
    return object.append(')').toString();
  }

  /** {@code sql} with its table named: {@code qualifiedTable} is an already quoted, checked name. */
  public static String qualify(String sql, String qualifiedTable) {
    return sql.replace(TABLE, qualifiedTable);
  }
}
