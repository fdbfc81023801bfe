package io.rillflow.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A scope on a connection whose transaction its owner ends: the user's (a session opened with
 * {@code openSession(Connection)}), an appending transaction running inline projections, or a
 * daemon batch. Nothing here commits, rolls back or closes the connection.
 *
 * <p>A connection in auto-commit mode has no transaction to join: each statement on it commits on
 * its own. Work that must be atomic (a {@code saveChanges()} of several writes) then runs in a
 * transaction of its own on that connection, committed when it returns, and auto-commit is turned
 * back on, as every other statement on such a connection would commit too.
 */
public record JoinedScope(Connection connection) implements ConnectionScope {

  public JoinedScope {
    Objects.requireNonNull(connection, "connection");
  }

  @Override
  public <R, E extends Exception> R statement(Transaction.Work<R, E> work) throws SQLException, E {
    return work.run(connection);
  }

  @Override
  public <R, E extends Exception> R transaction(Transaction.Work<R, E> work) throws SQLException, E {
    return connection.getAutoCommit() ? Transaction.run(connection, work) : work.run(connection);
  }

  @Override
  public Connection openCursor() {
    return connection;
  }

  @Override
  public void closeCursor(Connection given) {
    // The owner's connection and transaction stay as they are.
  }

  @Override
  public boolean joined() {
    return true;
  }
}
