package io.rillflow.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A scope that borrows a connection from a data source for each piece of work and gives it back at
 * once: what a session opened without a connection runs on. One per data source; once its store is
 * closed it refuses work, saying so, instead of passing on the pool's own complaint.
 *
 * @param closed set when the store closes
 */
public record OwnedScope(DataSource dataSource, AtomicBoolean closed) implements ConnectionScope {

  /** A scope for a data source that outlives the work (its owner closes it). */
  public OwnedScope(DataSource dataSource) {
    this(dataSource, new AtomicBoolean());
  }

  /**
   * Refuses work once the store is closed, in its own words rather than the pool's.
   *
   * @throws IllegalStateException when it is closed
   */
  public void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("DocumentStore is closed");
    }
  }

  private Connection borrow() throws SQLException {
    checkOpen();
    return dataSource.getConnection();
  }

  @Override
  public <R, E extends Exception> R statement(Transaction.Work<R, E> work) throws SQLException, E {
    try (Connection connection = Transaction.autoCommitting(borrow())) {
      return work.run(connection);
    }
  }

  @Override
  public <R, E extends Exception> R transaction(Transaction.Work<R, E> work) throws SQLException, E {
    try (Connection connection = borrow()) {
      return Transaction.run(connection, work);
    }
  }

  @Override
  public Connection openCursor() throws SQLException {
    Connection connection = borrow();
    try {
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public void closeCursor(Connection connection) throws SQLException {
    try (connection) {
      // Ends the read-only transaction the cursor needed before the connection goes back.
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  @Override
  public boolean joined() {
    return false;
  }
}
