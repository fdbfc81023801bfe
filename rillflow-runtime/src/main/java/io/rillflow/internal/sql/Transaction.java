package io.rillflow.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work on one connection in one transaction: commit when it returns, roll back when anything
 * is thrown, and the connection's auto-commit setting restored either way, since it goes back to a
 * pool.
 */
public final class Transaction {

  /** The work; {@code E} is what it throws besides SQL failures (IO, for COPY). */
  @FunctionalInterface
  public interface Work<R, E extends Exception> {
    R run(Connection connection) throws SQLException, E;
  }

  private Transaction() {}

  public static <R, E extends Exception> R run(Connection connection, Work<R, E> work) throws SQLException, E {
    boolean autoCommit = connection.getAutoCommit();
    if (autoCommit) {
      connection.setAutoCommit(false);
    }
    R result;
    try {
      result = work.run(connection);
      connection.commit();
    } catch (Throwable failure) {
      // On a connection the server ended ("terminating connection due to administrator command"),
      // the rollback and the reset fail too, with only the pool's "Connection is closed": the first
      // failure says why, so it is the one thrown, with theirs attached.
      try {
        connection.rollback();
        if (autoCommit) {
          connection.setAutoCommit(true);
        }
      } catch (SQLException | RuntimeException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
    if (autoCommit) {
      connection.setAutoCommit(true);
    }
    return result;
  }

  /**
   * Prepares a connection to run one statement as its own transaction: a data source may hand out
   * connections with auto-commit off, and a write left uncommitted there would be lost.
   */
  public static Connection autoCommitting(Connection connection) throws SQLException {
    if (!connection.getAutoCommit()) {
      connection.setAutoCommit(true);
    }
    return connection;
  }
}
