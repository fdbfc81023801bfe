package io.rillflow.internal.projections;

import io.rillflow.spi.RegisteredProjection;
import io.rillflow.events.Checkpoint;
import io.rillflow.RillflowException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Pause, resume, reset and rebuild: each one statement (or transaction) that also raises the epoch
 * and clears the owner, so whichever node held the projection is fenced off at its next write and
 * the next holder starts from what was set here.
 */
final class ProjectionAdmin {
  private final DataSource dataSource;
  private final ProjectionSql sql;
  private final DeadLetterRows deadLetters;
  private final SessionOpener sessions;

  ProjectionAdmin(DataSource dataSource, ProjectionSql sql, DeadLetterRows deadLetters, SessionOpener sessions) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.deadLetters = deadLetters;
    this.sessions = sessions;
  }

  void pause(String projection) {
    run(projection, "pause", connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql.pause)) {
        statement.setString(1, projection);
        statement.executeUpdate();
      }
    });
  }

  void resume(String projection) {
    run(projection, "resume", connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql.resume)) {
        statement.setString(1, projection);
        statement.executeUpdate();
      }
    });
  }

  void reset(String projection, Checkpoint checkpoint) {
    run(projection, "reset", connection -> reset(connection, projection, checkpoint));
  }

  /** Raises the epoch first: its row lock makes a batch in flight finish (or fail) before the read model is cleared. */
  void rebuild(RegisteredProjection registered) {
    run(registered.name(), "rebuild", connection -> {
      reset(connection, registered.name(), Checkpoint.START);
      deadLetters.deleteAll(connection, registered.name());
      TransactionContext context = new TransactionContext(registered.name(), sessions.schema(), connection, sessions);
      try {
        registered.projection().clear(context);
        context.flush();
      } catch (Exception e) {
        throw new RillflowException("Projection " + registered.name() + " could not clear its read model; "
            + "nothing was changed: " + e.getMessage(), e);
      }
    });
  }

  private void reset(Connection connection, String projection, Checkpoint checkpoint) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.reset)) {
      statement.setString(1, projection);
      statement.setLong(2, checkpoint.transactionId());
      statement.setLong(3, checkpoint.position());
      statement.executeUpdate();
    }
  }

  @FunctionalInterface
  private interface Work {
    void run(Connection connection) throws SQLException;
  }

  private void run(String projection, String what, Work work) {
    try (Connection connection = dataSource.getConnection()) {
      io.rillflow.internal.sql.Transaction.run(connection, c -> {
        work.run(c);
        return null;
      });
    } catch (SQLException e) {
      throw new RillflowException("Cannot " + what + " projection " + projection + ": " + e.getMessage(), e);
    }
  }
}
