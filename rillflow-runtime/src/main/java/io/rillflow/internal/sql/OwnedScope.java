package io.rillflow.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A scope that borrows a connection from a data source for each piece of work and gives it back at
 * once: what a session opened without a connection runs on. Stateless; one per data source.
 */
public record OwnedScope(DataSource dataSource) implements ConnectionScope {

  @Override
  public <R, E extends Exception> R statement(Transaction.Work<R, E> work) throws SQLException, E {
    try (Connection connection = Transaction.autoCommitting(dataSource.getConnection())) {
      return work.run(connection);
    }
  }

  @Override
  public <R, E extends Exception> R transaction(Transaction.Work<R, E> work) throws SQLException, E {
    try (Connection connection = dataSource.getConnection()) {
      return Transaction.run(connection, work);
    }
  }

  @Override
  public Connection openCursor() throws SQLException {
    Connection connection = dataSource.getConnection();
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
