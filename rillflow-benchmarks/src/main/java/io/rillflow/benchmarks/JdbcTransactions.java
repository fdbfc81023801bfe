package io.rillflow.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import javax.sql.DataSource;

/**
 * The smallest JDBC transaction manager Axon's {@code JdbcEventStorageEngine} can run on outside
 * Spring: a transaction takes a connection from the pool, turns auto-commit off and binds it to the
 * thread; while it is bound the engine gets that connection (its {@code close()} a no-op) from
 * {@link #getConnection()}, so every statement of one engine call runs in one transaction. A
 * transaction started while one is bound joins it (the engine nests them, for example around
 * building a read statement). Without a transaction the engine gets a plain pooled connection in
 * auto-commit.
 */
final class JdbcTransactions implements TransactionManager, ConnectionProvider {
  private static final Transaction JOINED = new Transaction() {
    @Override
    public void commit() {}

    @Override
    public void rollback() {}
  };
  private static final ConnectionWrapperFactory.ConnectionCloseHandler KEEP_OPEN =
      new ConnectionWrapperFactory.NoOpCloseHandler();

  private final DataSource dataSource;
  private final ThreadLocal<Connection> bound = new ThreadLocal<>();

  JdbcTransactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Transaction startTransaction() {
    if (bound.get() != null) {
      return JOINED;
    }
    Connection connection;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw new JdbcException("Cannot start a transaction", e);
    }
    bound.set(connection);
    return new Transaction() {
      @Override
      public void commit() {
        try {
          connection.commit();
        } catch (SQLException e) {
          throw new JdbcException("Cannot commit", e);
        } finally {
          release(connection);
        }
      }

      @Override
      public void rollback() {
        try {
          connection.rollback();
        } catch (SQLException e) {
          throw new JdbcException("Cannot roll back", e);
        } finally {
          release(connection);
        }
      }
    };
  }

  private void release(Connection connection) {
    bound.remove();
    try {
      connection.setAutoCommit(true);
      connection.close();
    } catch (SQLException e) {
      throw new JdbcException("Cannot return a connection to the pool", e);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = bound.get();
    return connection == null ? dataSource.getConnection() : ConnectionWrapperFactory.wrap(connection, KEEP_OPEN);
  }
}
