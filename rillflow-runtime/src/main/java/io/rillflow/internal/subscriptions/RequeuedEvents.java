package io.rillflow.internal.subscriptions;

import io.rillflow.RillflowException;
import io.rillflow.events.Checkpoint;
import io.rillflow.internal.events.RawRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The parked events of a group an admin requeued ({@code Subscriptions.requeue}): read back as the raw
 * rows they were parked with, deleted once delivered, or given back to the dead letters with the new
 * error.
 */
final class RequeuedEvents {
  /** A requeued parked event: its id, the tries so far, and the row as parked. */
  record Requeued(long id, int attempts, RawRow row) {}

  private final DataSource dataSource;
  private final PartitionSql sql;
  private final String subscription;
  private final String group;

  RequeuedEvents(DataSource dataSource, PartitionSql sql, String subscription, String group) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.subscription = subscription;
    this.group = group;
  }

  List<Requeued> list() {
    List<Requeued> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.requeuedOfGroup)) {
      statement.setString(1, subscription);
      statement.setString(2, group);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          // As parked; the delivery decodes the event from rf_events again, with its metadata and time.
          RawRow raw = new RawRow(new Checkpoint(row.getLong(4), row.getLong(5)), row.getString(6), row.getLong(7),
              row.getString(8), row.getInt(9), row.getString(10), row.getString(11), null, null, 0, null);
          found.add(new Requeued(row.getLong(1), row.getInt(12), raw));
        }
      }
    } catch (SQLException e) {
      throw failure("read the requeued events", e);
    }
    return found;
  }

  void delivered(long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.deleteParked)) {
      statement.setLong(1, id);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw failure("delete delivered parked event " + id, e);
    }
  }

  void failedAgain(long id, Throwable error) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.requeueFailed)) {
      statement.setString(1, GroupMember.describe(error));
      statement.setLong(2, id);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw failure("update parked event " + id, e);
    }
  }

  private RillflowException failure(String what, SQLException e) {
    return new RillflowException("Subscription " + subscription + ", group " + group + ": could not " + what + ": "
        + e.getMessage(), e);
  }
}
