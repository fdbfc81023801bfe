package io.rillflow.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A data source whose failures to hand out a connection name what it serves: with tenants spread
 * over several servers, "connection refused" alone does not tell which tenant is down, nor on which
 * server. A connection that cannot be had, and a connection lost while in use (see
 * {@link FailureNaming}), fail with {@code <description>: <cause>}, the SQL state kept.
 */
public final class NamedDataSource extends WrappingDataSource {
  private final String description;

  /** @param description how messages name it, for example {@code tenant "acme" on server jdbc:...}; never a password */
  public NamedDataSource(DataSource target, String description) {
    super(target);
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
  public String toString() {
    return description;
  }
}
