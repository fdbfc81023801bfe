package io.rillflow.internal.projections;

import io.rillflow.events.Checkpoint;
import io.rillflow.projections.DeadLetter;
import io.rillflow.internal.events.GlobalRow;
import io.rillflow.RillflowException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The statements on {@code rf_dead_letters}. */
final class DeadLetterRows {
  /** Errors are kept whole up to this length, stack traces are not kept. */
  private static final int MAX_ERROR = 4000;

  private final DataSource dataSource;
  private final ProjectionSql sql;

  DeadLetterRows(DataSource dataSource, ProjectionSql sql) {
    this.dataSource = dataSource;
    this.sql = sql;
  }

  /** A requeued dead letter: its id, the event's position and the tries so far. */
  record Requeued(long id, Checkpoint at, int attempts) {}

  void insert(Connection connection, String projection, GlobalRow event, int attempts, Throwable error)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.insertDeadLetter)) {
      statement.setString(1, projection);
      statement.setLong(2, event.checkpoint().transactionId());
      statement.setLong(3, event.position());
      statement.setString(4, event.streamId());
      statement.setLong(5, event.version());
      statement.setString(6, event.type());
      statement.setInt(7, attempts);
      statement.setString(8, describe(error));
      statement.executeUpdate();
    }
  }

  List<DeadLetter> list(String projection) {
    List<DeadLetter> letters = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.deadLetters)) {
      statement.setString(1, projection);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          letters.add(new DeadLetter(row.getLong(1), row.getString(2), new Checkpoint(row.getLong(3), row.getLong(4)),
              row.getString(5), row.getLong(6), row.getString(7), row.getInt(8), row.getString(9), row.getBoolean(10),
              row.getObject(11, OffsetDateTime.class).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the dead letters of projection " + projection + ": " + e.getMessage(), e);
    }
    return letters;
  }

  boolean requeue(long id) {
    return updateById(sql.requeue, id);
  }

  boolean delete(long id) {
    return updateById(sql.deleteDeadLetter, id);
  }

  void delete(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.deleteDeadLetter)) {
      statement.setLong(1, id);
      statement.executeUpdate();
    }
  }

  void deleteAll(Connection connection, String projection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.deleteDeadLetters)) {
      statement.setString(1, projection);
      statement.executeUpdate();
    }
  }

  List<Requeued> requeued(String projection) {
    List<Requeued> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.requeued)) {
      statement.setString(1, projection);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          found.add(new Requeued(row.getLong(1), new Checkpoint(row.getLong(2), row.getLong(3)), row.getInt(4)));
        }
      }
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the requeued dead letters of " + projection + ": " + e.getMessage(), e);
    }
    return found;
  }

  void requeueFailed(long id, Throwable error) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.requeueFailed)) {
      statement.setString(1, describe(error));
      statement.setLong(2, id);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new RillflowException("Cannot update dead letter " + id + ": " + e.getMessage(), e);
    }
  }

  private boolean updateById(String statementSql, long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(statementSql)) {
      statement.setLong(1, id);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new RillflowException("Cannot update dead letter " + id + ": " + e.getMessage(), e);
    }
  }

  private static String describe(Throwable error) {
    String text = error.getClass().getName() + ": " + error.getMessage();
    return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
  }
}
