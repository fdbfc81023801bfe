package io.rillflow.internal.session;

import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.internal.query.DeleteQueue;
import io.rillflow.internal.sql.ConnectionScope;
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
   * Where the session's repository deletes go: queued (a delete chosen by a query, {@code sql} with
   * {@code RETURNING id}), written by {@code saveChanges()}. One per session, so a query call takes it
   * without allocating.
   *
   * @throws UnsupportedOperationException from {@code queue} for a read-only session
   */
  DeleteQueue deletes();

  /** What {@code document} became when the last {@code saveChanges()} wrote it: a record's copy at its new version. */
  <T> T saved(T document);
}
