package io.rillflow.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where one unit of work gets its connection and who ends its transaction. Every session, query
 * and append runs on a scope:
 *
 * <ul>
 *   <li>{@link OwnedScope owned}: Rillflow borrows a connection from the store's data source for each
 *       piece of work and gives it back; a unit of work is its own transaction, committed here;
 *   <li>{@link JoinedScope joined}: the work runs on a connection whose transaction someone else owns
 *       (the user's, an inline projection's append, a daemon batch); nothing here commits, rolls back
 *       or closes it;
 *   <li>{@link ReplicaScope replica}: an owned scope on a read replica, for query sessions, whose
 *       failures name the replica.
 * </ul>
 *
 * <p>The scope is the one place a connection is chosen, so a tenant's or a replica's data source
 * plugs in here and nowhere else.
 */
public sealed interface ConnectionScope permits OwnedScope, JoinedScope, ReplicaScope {

  /**
   * Runs statements that need no transaction of their own (reads, or one statement that is atomic
   * by itself): on a borrowed connection in auto-commit (owned), or in the joined transaction.
   */
  <R, E extends Exception> R statement(Transaction.Work<R, E> work) throws SQLException, E;

  /**
   * Runs work that must be atomic: in a transaction of its own, committed when it returns and rolled
   * back when it throws (owned), or inside the joined transaction, which its owner ends.
   */
  <R, E extends Exception> R transaction(Transaction.Work<R, E> work) throws SQLException, E;

  /**
   * A connection for a cursor that outlives this call (a {@link java.util.stream.Stream} of rows),
   * in a transaction, as pgjdbc fetches rows in batches only with auto-commit off. Give it back with
   * {@link #closeCursor(Connection)}.
   */
  Connection openCursor() throws SQLException;

  /** Gives back what {@link #openCursor()} returned: ends the owned read transaction; leaves a joined one open. */
  void closeCursor(Connection connection) throws SQLException;

  /** Whether the work joins a transaction owned elsewhere. */
  boolean joined();
}
