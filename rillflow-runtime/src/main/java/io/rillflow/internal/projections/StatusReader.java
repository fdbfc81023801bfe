package io.rillflow.internal.projections;

import io.rillflow.spi.RegisteredProjection;
import io.rillflow.events.Checkpoint;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.RillflowException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;

/** Reads {@link ProjectionStatus} for every registered projection, then for every other row of the schema, in one connection. */
final class StatusReader {
  private final DataSource dataSource;
  private final ProjectionSql sql;

  StatusReader(DataSource dataSource, ProjectionSql sql) {
    this.dataSource = dataSource;
    this.sql = sql;
  }

  private record Row(Checkpoint checkpoint, boolean paused, String owner, long epoch, OffsetDateTime leaseUntil) {}

  List<ProjectionStatus> read(List<RegisteredProjection> projections, String node, Predicate<String> ownedHere) {
    try (Connection connection = dataSource.getConnection()) {
      Map<String, Row> rows = new HashMap<>();
      try (PreparedStatement statement = connection.prepareStatement(sql.rows); ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          rows.put(row.getString(1), new Row(new Checkpoint(row.getLong(2), row.getLong(3)),
              "paused".equals(row.getString(4)), row.getString(5), row.getLong(6), row.getObject(7, OffsetDateTime.class)));
        }
      }
      Map<String, Long> letters = new HashMap<>();
      try (PreparedStatement statement = connection.prepareStatement(sql.deadLetterCounts);
          ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          letters.put(row.getString(1), row.getLong(2));
        }
      }
      long headPosition;
      try (PreparedStatement statement = connection.prepareStatement(sql.head); ResultSet row = statement.executeQuery()) {
        row.next();
        headPosition = row.getLong(1);
      }
      String heldBackBy = null;
      try (PreparedStatement statement = connection.prepareStatement(sql.oldestWriter);
          ResultSet row = statement.executeQuery()) {
        if (row.next()) {
          heldBackBy = "pid " + row.getInt(1) + " in database " + row.getString(2) + ", open "
              + Math.round(row.getDouble(3) * 10) / 10.0 + " s, running: " + row.getString(4);
        }
      }
      List<ProjectionStatus> statuses = new ArrayList<>();
      for (RegisteredProjection projection : projections) {
        boolean inline = projection.lifecycle() == ProjectionLifecycle.INLINE;
        Row row = rows.getOrDefault(projection.name(), new Row(Checkpoint.START, false, null, 0, null));
        long lag = inline ? 0 : lag(connection, row.checkpoint());
        statuses.add(new ProjectionStatus(projection.name(), projection.lifecycle(), row.checkpoint(), headPosition, lag,
            row.paused(), row.owner(), row.epoch(), row.leaseUntil() == null ? null : row.leaseUntil().toInstant(),
            node.equals(row.owner()) && ownedHere.test(projection.name()),
            letters.getOrDefault(projection.name(), 0L), lag > 0 ? heldBackBy : null));
      }
      // Rows no projection here registers (another version's, or all of them for a store built without the
      // application's classes, such as the standalone command line): only async projections have rows.
      java.util.Set<String> registered = new java.util.HashSet<>();
      projections.forEach(p -> registered.add(p.name()));
      for (Map.Entry<String, Row> stored : new java.util.TreeMap<>(rows).entrySet()) {
        if (!registered.contains(stored.getKey())) {
          Row row = stored.getValue();
          long lag = lag(connection, row.checkpoint());
          statuses.add(new ProjectionStatus(stored.getKey(), ProjectionLifecycle.ASYNC, row.checkpoint(), headPosition,
              lag, row.paused(), row.owner(), row.epoch(), row.leaseUntil() == null ? null : row.leaseUntil().toInstant(),
              false, letters.getOrDefault(stored.getKey(), 0L), lag > 0 ? heldBackBy : null));
        }
      }
      return statuses;
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the projections' status: " + e.getMessage(), e);
    }
  }

  private long lag(Connection connection, Checkpoint checkpoint) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.lag)) {
      statement.setLong(1, checkpoint.transactionId());
      statement.setLong(2, checkpoint.position());
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
