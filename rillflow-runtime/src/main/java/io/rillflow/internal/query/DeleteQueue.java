package io.rillflow.internal.query;

import io.rillflow.internal.document.DocumentTable;
import java.util.List;

/**
 * Where a repository's delete query goes: a repository bound to a session queues it there (written
 * by {@code saveChanges()} in its transaction); one used alone runs it at once ({@link #NONE}).
 */
@FunctionalInterface
public interface DeleteQueue {
  /** No session: every delete runs at once. */
  DeleteQueue NONE = (table, sql, values) -> false;

  /**
   * Queues the delete {@code sql} (it returns the deleted ids) with its values.
   *
   * @return whether it was queued; {@code false}: run it now
   */
  boolean queue(DocumentTable<Object, Object> table, String sql, List<Object> values);
}
