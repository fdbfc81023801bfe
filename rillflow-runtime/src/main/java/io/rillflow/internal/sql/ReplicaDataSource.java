package io.rillflow.internal.sql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A read replica's data source as the store's query sessions see it: each connection read-only, and
 * a replica that cannot be reached reported by name ("The read replica ... is unavailable"), since
 * the caller asked for a document, not for a server, and must learn which server is down.
 */
public final class ReplicaDataSource implements DataSource {
  private final DataSource replica;
  private final String description;

  /** @param description how messages name the replica; never a password */
  public ReplicaDataSource(DataSource replica, String description) {
    this.replica = Objects.requireNonNull(replica, "replica");
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection;
    try {
      connection = replica.getConnection();
    } catch (SQLException e) {
      throw new SQLException("The read replica " + description + " is unavailable: " + e.getMessage(),
          e.getSQLState(), e);
    }
    try {
      // A write through a query session is impossible already; this makes the server refuse one too.
      connection.setReadOnly(true);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw new SQLException("The read replica " + description + " refused a read-only connection: "
          + e.getMessage(), e instanceof SQLException sql ? sql.getSQLState() : null, e);
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
    return "read replica " + description;
  }
}
