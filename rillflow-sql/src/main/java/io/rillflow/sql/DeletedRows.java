package io.rillflow.sql;

/**
 * Which rows of a soft-deleting table a statement reads: the live ones (every query's default),
 * all of them, or only the deleted ones. A table without soft delete has only live rows, read with
 * no filter at all.
 */
public enum DeletedRows {
  LIVE("deleted_at IS NULL"),
  ALL(null),
  ONLY("deleted_at IS NOT NULL");

  private final String condition;

  DeletedRows(String condition) {
    this.condition = condition;
  }

  /** The row filter, {@code null} for none. */
  public String condition() {
    return condition;
  }
}
