package io.rillflow.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A read replica's data source that the application gave: each connection it hands out is marked
 * read-only first. A write through a query session is impossible already; this makes the server
 * refuse one too. (A replica the store opens from a URL gets the same from its pool's settings.)
 */
public final class ReadOnlyDataSource extends WrappingDataSource {
  public ReadOnlyDataSource(DataSource replica) {
    super(Objects.requireNonNull(replica, "replica"));
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = target.getConnection();
    try {
      connection.setReadOnly(true);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public String toString() {
    return "read-only " + target;
  }
}
