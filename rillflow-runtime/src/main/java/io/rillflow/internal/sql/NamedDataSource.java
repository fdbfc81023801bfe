package io.rillflow.internal.sql;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose failures to hand out a connection name what it serves: with tenants spread
 * over several servers, "connection refused" alone does not tell which tenant is down, nor on which
 * server. A connection that cannot be had, and a connection lost while in use (see
 * {@link FailureNaming}), fail with {@code <description>: <cause>}, the SQL state kept.
 */
public final class NamedDataSource implements DataSource {
  private final DataSource target;
  private final String description;

  /** @param description how messages name it, for example {@code tenant "acme" on server jdbc:...}; never a password */
  public NamedDataSource(DataSource target, String description) {
    this.target = Objects.requireNonNull(target, "target");
    this.description = Objects.requireNonNull(description, "description");
  }

  /** How messages name it. */
  public String description() {
    return description;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return FailureNaming.connection(target.getConnection(), description);
    } catch (SQLException e) {
      throw new SQLException(description + ": " + e.getMessage(), e.getSQLState(), e);
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("The user of " + description + " is set where the store was built");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || target.isWrapperFor(type);
  }

  @Override
  public String toString() {
    return description;
  }
}
