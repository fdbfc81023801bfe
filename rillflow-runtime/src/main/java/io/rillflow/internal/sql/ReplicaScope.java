package io.rillflow.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A read replica's scope: an {@link OwnedScope} on the replica's data source whose failures name the
 * replica. The caller asked for documents, not for a server; when the replica is down, lagging
 * behind a schema change or cut off mid-query, the message must say that it was the replica, and
 * which one, or the primary gets blamed. Every failure is named, whether the connection could not be
 * had or the statement failed on it, since both happened on the replica.
 *
 * @param description how messages name the replica; never a password
 */
public record ReplicaScope(OwnedScope replica, String description) implements ConnectionScope {

  public ReplicaScope {
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(description, "description");
  }

  @Override
  public <R, E extends Exception> R statement(Transaction.Work<R, E> work) throws SQLException, E {
    try {
      return replica.statement(work);
    } catch (SQLException e) {
      throw named(e);
    }
  }

  @Override
  public <R, E extends Exception> R transaction(Transaction.Work<R, E> work) throws SQLException, E {
    try {
      return replica.transaction(work);
    } catch (SQLException e) {
      throw named(e);
    }
  }

  @Override
  public Connection openCursor() throws SQLException {
    try {
      return replica.openCursor();
    } catch (SQLException e) {
      throw named(e);
    }
  }

  @Override
  public void closeCursor(Connection connection) throws SQLException {
    replica.closeCursor(connection);
  }

  @Override
  public boolean joined() {
    return false;
  }

  /** The same failure, its state and cause kept, saying where it happened. */
  private SQLException named(SQLException e) {
    return new SQLException("on the read replica " + description + ": " + e.getMessage(), e.getSQLState(), e);
  }
}
