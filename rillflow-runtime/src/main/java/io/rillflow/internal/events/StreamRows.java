package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import io.rillflow.events.StreamState;
import io.rillflow.internal.sql.JdbcCursor;
import io.rillflow.internal.sql.OwnedScope;
import io.rillflow.internal.sql.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The streams' own rows: state, listing by type, and tombstone (archive is {@link StreamArchive}).
 * Tombstone deletes the stream row first and its events in a second statement of the same
 * transaction: the first statement waits for (and then blocks) any append in flight, so the second
 * sees its events too and no append slips in between.
 */
final class StreamRows {
  private final DataSource dataSource;
  private final OwnedScope scope;
  private final EventSql sql;

  StreamRows(DataSource dataSource, EventSql sql) {
    this.dataSource = dataSource;
    this.scope = new OwnedScope(dataSource);
    this.sql = sql;
  }

  Optional<StreamState> state(String stream) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.streamState)) {
      statement.setString(1, stream);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the state of stream " + stream + ": " + e.getMessage(), e);
    }
  }

  Stream<StreamState> ofType(String streamType) {
    return JdbcCursor.stream(scope, sql.streamsOfType, statement -> statement.setString(1, streamType),
        StreamRows::read, "streams of type " + streamType);
  }

  boolean tombstone(String stream) {
    return inTransaction(stream, "tombstone", connection -> {
      boolean existed = update(connection, sql.deleteStream, stream) > 0;
      try (PreparedStatement rest = connection.prepareStatement(sql.deleteEventsAndSnapshot)) {
        rest.setString(1, stream);
        rest.setString(2, stream);
        rest.setString(3, stream);
        rest.executeUpdate();
      }
      return existed;
    });
  }

  private boolean inTransaction(String stream, String what, Transaction.Work<Boolean, RuntimeException> work) {
    try (Connection connection = dataSource.getConnection()) {
      return Transaction.run(connection, work);
    } catch (SQLException e) {
      throw new RillflowException("Cannot " + what + " stream " + stream + ": " + e.getMessage(), e);
    }
  }

  private static int update(Connection connection, String statementSql, String stream) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(statementSql)) {
      statement.setString(1, stream);
      return statement.executeUpdate();
    }
  }

  private static StreamState read(ResultSet row) throws SQLException {
    return new StreamState(row.getString(1), row.getLong(2), row.getString(3), row.getBoolean(4),
        row.getObject(5, OffsetDateTime.class).toInstant(), row.getObject(6, OffsetDateTime.class).toInstant());
  }
}
