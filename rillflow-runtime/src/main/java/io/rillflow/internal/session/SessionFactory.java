package io.rillflow.internal.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.DocumentSession;
import io.rillflow.QuerySession;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.internal.sql.ConnectionScope;
import io.rillflow.internal.sql.JoinedScope;
import io.rillflow.internal.tracing.StoreTracing;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * Makes the three kinds of session of one store, on a scope; holds what they share (built once
 * per store, never per session or per batch).
 */
public final class SessionFactory {
  private final DocumentTables tables;
  private final DocumentReads reads;
  private final ChangeWriter writer;
  private final Supplier<SessionAppends> appends;
  private final Supplier<SessionAppends> unprojectedAppends;

  /**
   * @param appends a new queue of appends for a session
   * @param unprojectedAppends the same for sessions that projections write through: their appends
   *     are not projected again
   */
  public SessionFactory(DocumentTables tables, ObjectMapper mapper, Supplier<SessionAppends> appends,
      Supplier<SessionAppends> unprojectedAppends, StoreTracing tracing) {
    this.tables = tables;
    this.reads = new DocumentReads(mapper, tracing);
    this.writer = new ChangeWriter(tables.uniqueIndexes());
    this.appends = appends;
    this.unprojectedAppends = unprojectedAppends;
  }

  public DocumentSession openSession(ConnectionScope scope) {
    return new UnitOfWorkSession(tables, reads, writer, scope, new IdentityMap(), appends.get());
  }

  public DocumentSession lightweightSession(ConnectionScope scope) {
    return new UnitOfWorkSession(tables, reads, writer, scope, IdentityMap.NONE, appends.get());
  }

  public QuerySession querySession(ConnectionScope scope) {
    return new ReadOnlySession(tables, reads, scope);
  }

  /** A session in a projection's transaction: inline (the append's) or async (the daemon batch's). */
  public DocumentSession projectionSession(Connection transaction) {
    return new UnitOfWorkSession(tables, reads, writer, new JoinedScope(transaction), new IdentityMap(),
        unprojectedAppends.get());
  }

  /**
   * The store's own part of a session the caller passed in: its scope, identity map and queue.
   *
   * @throws IllegalArgumentException when another store made it
   */
  public static BoundSession bound(QuerySession session) {
    if (session instanceof BoundSession bound) {
      return bound;
    }
    throw new IllegalArgumentException("The session " + session + " was not opened by a Rillflow store");
  }
}
