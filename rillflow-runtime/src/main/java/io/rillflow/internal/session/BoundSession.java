package io.rillflow.internal.session;

import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.internal.sql.ConnectionScope;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the store's other parts (generated repositories' queries, aggregates) need of a session it
 * made: the scope its work runs on, its identity map, its queue. Every session of a store
 * implements it.
 */
public interface BoundSession {

  /** Where this session's statements run. */
  ConnectionScope scope();

  /** How documents a query finds become the instances the session holds (its identity map). */
  <T> UnaryOperator<T> resolver(DocumentTable<T, Object> table);

  /**
   * The session's queue of appends.
   *
   * @throws UnsupportedOperationException for a read-only session
   */
  SessionAppends appends();

  /**
   * Queues a delete chosen by a query ({@code sql} with {@code RETURNING id}), written by
   * {@code saveChanges()}.
   *
   * @throws UnsupportedOperationException for a read-only session
   */
  void queueDelete(DocumentTable<Object, Object> table, String sql, List<Object> values);

  /** What {@code document} became when the last {@code saveChanges()} wrote it: a record's copy at its new version. */
  <T> T saved(T document);
}
