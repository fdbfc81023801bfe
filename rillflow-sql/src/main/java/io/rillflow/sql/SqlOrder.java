package io.rillflow.sql;

/** One ordering key: a path, ascending or descending. */
public record SqlOrder(SqlPath path, boolean descending) {

  /**
   * The key as SQL. A lower-case column would sort regardless of case, so such a path sorts by its
   * JSON value instead; other columns sort by the column (and its index).
   */
  public String sql() {
    String expression = path.column() != null && !path.lowercase()
        ? SqlIdentifiers.quote(path.column())
        : ConditionRenderer.typed(path);
    return expression + (descending ? " DESC" : " ASC");
  }
}
