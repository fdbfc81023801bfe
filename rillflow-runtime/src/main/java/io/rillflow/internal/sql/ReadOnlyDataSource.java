package io.rillflow.internal.sql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A read replica's data source that the application gave: each connection it hands out is marked
 * read-only first. A write through a query session is impossible already; this makes the server
 * refuse one too. (A replica the store opens from a URL gets the same from its pool's settings.)
 */
public final class ReadOnlyDataSource implements DataSource {
  private final DataSource replica;

  public ReadOnlyDataSource(DataSource replica) {
    this.replica = Objects.requireNonNull(replica, "replica");
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = replica.getConnection();
    try {
      connection.setReadOnly(true);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("The read replica's user is set where the store was built");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return replica.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    replica.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    replica.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return replica.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return replica.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : replica.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || replica.isWrapperFor(type);
  }

  @Override
  public String toString() {
    return "read-only " + replica;
  }
}
