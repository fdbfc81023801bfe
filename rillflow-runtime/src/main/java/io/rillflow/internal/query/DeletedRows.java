package io.rillflow.internal.query;

/** Which rows of a soft-delete table a query reads; a table without soft delete has only live rows. */
enum DeletedRows {
  LIVE("deleted_at IS NULL"),
  ALL(null),
  ONLY("deleted_at IS NOT NULL");

  private final String condition;

  DeletedRows(String condition) {
    this.condition = condition;
  }

  /** The SQL condition on the row, {@code null} for none. */
  String condition() {
    return condition;
  }
}
