package io.rillflow.internal.subscriptions;

import io.rillflow.RillflowException;
import io.rillflow.events.Checkpoint;
import io.rillflow.subscriptions.GroupStatus;
import io.rillflow.subscriptions.MemberStatus;
import io.rillflow.subscriptions.ParkedEvent;
import io.rillflow.subscriptions.PartitionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The admin calls on consumer groups: list, status, max in-flight, seek, parked events. */
final class GroupAdmin {
  private final DataSource dataSource;
  private final PartitionSql sql;

  GroupAdmin(DataSource dataSource, PartitionSql sql) {
    this.dataSource = dataSource;
    this.sql = sql;
  }

  List<String> groups(String subscription) {
    List<String> names = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.groups)) {
      statement.setString(1, subscription);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          names.add(row.getString(1));
        }
      }
    } catch (SQLException e) {
      throw failure("list the groups of " + subscription, e);
    }
    return names;
  }

  GroupStatus status(String subscription, String group) {
    try (Connection connection = dataSource.getConnection()) {
      int maxInFlight;
      try (PreparedStatement statement = connection.prepareStatement(sql.groupExists)) {
        statement.setString(1, subscription);
        statement.setString(2, group);
        try (ResultSet row = statement.executeQuery()) {
          if (!row.next()) {
            throw new IllegalArgumentException("Subscription " + subscription + " has no group " + group
                + "; its groups: " + groups(subscription));
          }
          maxInFlight = row.getInt(1) > 0 ? row.getInt(1) : GroupMember.DEFAULT_MAX_IN_FLIGHT;
        }
      }
      long head = single(connection, sql.head);
      List<PartitionStatus> partitions = new ArrayList<>();
      Checkpoint lowest = null;
      Map<String, List<Integer>> byOwner = new LinkedHashMap<>();
      Map<String, Long> lagByOwner = new LinkedHashMap<>();
      try (PreparedStatement statement = connection.prepareStatement(sql.partitions)) {
        statement.setString(1, subscription);
        statement.setString(2, group);
        try (ResultSet row = statement.executeQuery()) {
          while (row.next()) {
            Checkpoint checkpoint = new Checkpoint(row.getLong(2), row.getLong(3));
            OffsetDateTime until = row.getObject(6, OffsetDateTime.class);
            Instant leaseUntil = until == null ? null : until.toInstant();
            String owner = leaseUntil != null && leaseUntil.isAfter(Instant.now()) ? row.getString(4) : null;
            long lag = Math.max(0, head - checkpoint.position());
            partitions.add(new PartitionStatus(row.getInt(1), checkpoint, owner, row.getLong(5), leaseUntil, lag));
            lowest = lowest == null || checkpoint.compareTo(lowest) < 0 ? checkpoint : lowest;
            if (owner != null) {
              byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(row.getInt(1));
              lagByOwner.merge(owner, lag, Math::max);
            }
          }
        }
      }
      List<MemberStatus> members = new ArrayList<>();
      try (PreparedStatement statement = connection.prepareStatement(sql.members)) {
        statement.setString(1, subscription);
        statement.setString(2, group);
        try (ResultSet row = statement.executeQuery()) {
          while (row.next()) {
            String member = row.getString(1);
            members.add(new MemberStatus(member, byOwner.getOrDefault(member, List.of()),
                lagByOwner.getOrDefault(member, 0L), row.getObject(2, OffsetDateTime.class).toInstant()));
          }
        }
      }
      Checkpoint checkpoint = lowest == null ? Checkpoint.START : lowest;
      long lag;
      try (PreparedStatement statement = connection.prepareStatement(sql.lag)) {
        statement.setLong(1, checkpoint.transactionId());
        statement.setLong(2, checkpoint.position());
        try (ResultSet row = statement.executeQuery()) {
          row.next();
          lag = row.getLong(1);
        }
      }
      long parked;
      try (PreparedStatement statement = connection.prepareStatement(sql.parkedCount)) {
        statement.setString(1, subscription);
        statement.setString(2, group);
        try (ResultSet row = statement.executeQuery()) {
          row.next();
          parked = row.getLong(1);
        }
      }
      return new GroupStatus(subscription, group, checkpoint, head, lag, maxInFlight, members, partitions, parked);
    } catch (SQLException e) {
      throw failure("read the status of group " + group + " of " + subscription, e);
    }
  }

  void setMaxInFlight(String subscription, String group, int maxInFlight) {
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight must be 0 (the default) or more but was " + maxInFlight);
    }
    if (update(sql.setMaxInFlight, maxInFlight, subscription, group) == 0) {
      throw new IllegalArgumentException("Subscription " + subscription + " has no group " + group);
    }
  }

  void seek(String subscription, String group, Checkpoint checkpoint) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.seek)) {
      statement.setLong(1, checkpoint.transactionId());
      statement.setLong(2, checkpoint.position());
      statement.setString(3, subscription);
      statement.setString(4, group);
      if (statement.executeUpdate() == 0) {
        throw new IllegalArgumentException("Subscription " + subscription + " has no group " + group);
      }
    } catch (SQLException e) {
      throw failure("seek group " + group + " of " + subscription, e);
    }
  }

  List<ParkedEvent> parked(String subscription, String group) {
    List<ParkedEvent> found = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.parked)) {
      statement.setString(1, subscription);
      statement.setString(2, group);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          found.add(new ParkedEvent(row.getLong(1), row.getString(2), row.getString(3),
              new Checkpoint(row.getLong(4), row.getLong(5)), row.getString(6), row.getLong(7), row.getString(8),
              row.getInt(9), row.getString(10), row.getString(11), row.getInt(12), row.getString(13),
              row.getBoolean(14), row.getObject(15, OffsetDateTime.class).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw failure("read the parked events of " + subscription, e);
    }
    return found;
  }

  boolean requeue(long id) {
    return updateById(sql.requeue, id);
  }

  boolean deleteParked(long id) {
    return updateById(sql.deleteParked, id);
  }

  private boolean updateById(String query, long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setLong(1, id);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw failure("update parked event " + id, e);
    }
  }

  private int update(String query, int value, String subscription, String group) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setInt(1, value);
      statement.setString(2, subscription);
      statement.setString(3, group);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failure("update group " + group + " of " + subscription, e);
    }
  }

  private static long single(Connection connection, String query) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query); ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static RillflowException failure(String what, SQLException e) {
    return new RillflowException("Cannot " + what + ": " + e.getMessage(), e);
  }
}
