package io.rillflow.sql;

import java.util.List;

/**
 * Whole statements around a rendered condition. Their table is written {@value #TABLE}: generated
 * SQL never names a schema, and the store puts in the schema-qualified name once per statement and
 * schema ({@link #qualify}).
 *
 * <p>Every {@code WHERE} this class writes carries tenant markers ({@value #TENANT_WHERE} where there is
 * no other condition, else {@value #TENANT_AND} before it and {@value #TENANT_END} after it), so that a
 * store with conjoined tenancy can put its {@code tenant_id} predicate in front of the whole condition
 * (parenthesized: a top-level {@code OR} must not escape it) when it qualifies the statement, and a
 * store without one removes them. Generated SQL is thus one text for every tenancy mode.
 */
public final class Statements {
  /** Where a statement names its table. */
  public static final String TABLE = "{{table}}";
  /** Where a statement with no condition takes its tenant's {@code WHERE}. */
  public static final String TENANT_WHERE = "{{tenant where}}";
  /** Where the tenant predicate goes in front of a condition. */
  public static final String TENANT_AND = "{{tenant and}}";
  /** Where a condition behind a tenant predicate ends. */
  public static final String TENANT_END = "{{tenant end}}";

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
      return filter != null ? " WHERE " + TENANT_AND + filter + TENANT_END : TENANT_WHERE;
    }
    return " WHERE " + TENANT_AND + (filter != null ? filter + " AND (" + condition.sql() + ")" : condition.sql())
        + TENANT_END;
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

  /** {@code sql} with its table named, for a store without conjoined tenants: see {@link #qualify(String, String, String)}. */
  public static String qualify(String sql, String qualifiedTable) {
    return qualify(sql, qualifiedTable, null);
  }

  /**
   * {@code sql} with its table named and its tenant markers filled: {@code qualifiedTable} is an already
   * quoted, checked name; {@code tenantPredicate} (such as {@code tenant_id = 'acme'}, checked by the
   * caller) leads every condition, or {@code null} removes the markers. Called once per statement and
   * store, never per call.
   */
  public static String qualify(String sql, String qualifiedTable, String tenantPredicate) {
    String named = sql.replace(TABLE, qualifiedTable);
    if (tenantPredicate == null) {
      return named.replace(TENANT_WHERE, "").replace(TENANT_AND, "").replace(TENANT_END, "");
    }
    return named.replace(TENANT_WHERE, " WHERE " + tenantPredicate).replace(TENANT_AND, tenantPredicate + " AND (")
        .replace(TENANT_END, ")");
  }
}
