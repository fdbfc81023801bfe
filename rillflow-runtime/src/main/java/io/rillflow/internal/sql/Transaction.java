package io.rillflow.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work on one connection in one transaction: commit when it returns, roll back when anything
 * is thrown, and autocommit restored either way, since the connection goes back to a pool.
 */
public final class Transaction {

  /** The work; {@code E} is what it throws besides SQL failures (IO, for COPY). */
  @FunctionalInterface
  public interface Work<R, E extends Exception> {
    R run(Connection connection) throws SQLException, E;
  }

  private Transaction() {}

  public static <R, E extends Exception> R run(Connection connection, Work<R, E> work) throws SQLException, E {
    connection.setAutoCommit(false);
    try {
      R result = work.run(connection);
      connection.commit();
      return result;
    } catch (Throwable failure) {
      connection.rollback();
      throw failure;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
