package io.rillflow.internal.subscriptions;

import io.rillflow.RillflowException;
import io.rillflow.events.Checkpoint;
import io.rillflow.internal.events.RawRow;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One member's statements on its group's rows (see {@link PartitionSql} for the protocol): heartbeat,
 * acquire, renew, release, fenced checkpoint writes, parking. Each runs on a connection of its own,
 * as one auto-committed statement, except {@link #ackInTransaction}, which runs in the caller's.
 */
final class PartitionLeases {
  /** A partition just acquired, with its stored checkpoint and the tries of the event it fails on. */
  record Acquired(int partition, long epoch, Checkpoint checkpoint, long failingPosition, int failingAttempts) {}

  /** A partition's row as stored. */
  record Stored(String owner, long epoch, Checkpoint checkpoint) {}

  /** The group as a member's tick sees it. */
  record Shape(int liveMembers, int maxInFlight) {}

  private final DataSource dataSource;
  private final PartitionSql sql;
  private final String subscription;
  private final String group;
  private final String member;
  private final long leaseMillis;

  PartitionLeases(DataSource dataSource, PartitionSql sql, String subscription, String group, String member,
      long leaseMillis) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.subscription = subscription;
    this.group = group;
    this.member = member;
    this.leaseMillis = leaseMillis;
  }

  /** Whether {@code owner} names this member. */
  boolean isOwner(String owner) {
    return member.equals(owner);
  }

  /** Says this member is alive for another lease, and reads how many are. */
  Shape heartbeat() {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement statement = connection.prepareStatement(sql.heartbeat)) {
        statement.setString(1, subscription);
        statement.setString(2, group);
        statement.setString(3, member);
        statement.setLong(4, leaseMillis);
        statement.executeUpdate();
      }
      try (PreparedStatement statement = connection.prepareStatement(sql.groupShape)) {
        statement.setString(1, subscription);
        statement.setString(2, group);
        statement.setString(3, subscription);
        statement.setString(4, group);
        try (ResultSet row = statement.executeQuery()) {
          if (!row.next()) {
            throw new IllegalStateException("Subscription " + subscription + " or its group " + group + " was deleted");
          }
          return new Shape(Math.max(1, row.getInt(1)), row.getInt(2));
        }
      }
    } catch (SQLException e) {
      throw failure("heartbeat", e);
    }
  }

  /** Leaves the group: the others count one member less at their next tick. */
  void leave() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.leaveGroup)) {
      statement.setString(1, subscription);
      statement.setString(2, group);
      statement.setString(3, member);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw failure("leave the group", e);
    }
  }

  /** Takes up to {@code count} partitions nobody holds (or whose lease ended), at a new epoch each. */
  List<Acquired> acquire(int count) {
    List<Acquired> acquired = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.acquire)) {
      statement.setString(1, member);
      statement.setLong(2, leaseMillis);
      statement.setString(3, subscription);
      statement.setString(4, group);
      statement.setInt(5, count);
      statement.setString(6, subscription);
      statement.setString(7, group);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          long failing = row.getLong(5);
          acquired.add(new Acquired(row.getInt(1), row.getLong(2), new Checkpoint(row.getLong(3), row.getLong(4)),
              row.wasNull() ? -1 : failing, row.getInt(6)));
        }
      }
    } catch (SQLException e) {
      throw failure("acquire partitions", e);
    }
    return acquired;
  }

  /** Extends the leases of these partitions at their epochs; the partitions still held. */
  Set<Integer> renew(Collection<OwnedPartition> owned) {
    return byPartitionAndEpoch(sql.renew, owned, true, "renew its leases");
  }

  /** Gives these partitions up, so another member can take them at once. */
  void release(Collection<OwnedPartition> owned) {
    byPartitionAndEpoch(sql.release, owned, false, "release partitions");
  }

  /** Moves checkpoints from what this member last knew to their targets; the partitions it moved. */
  Set<Integer> checkpoint(List<OwnedPartition.Write> writes) {
    Set<Integer> moved = new HashSet<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.checkpoint)) {
      int n = writes.size();
      Integer[] parts = new Integer[n];
      Long[] epochs = new Long[n];
      Long[] oldTx = new Long[n];
      Long[] oldPosition = new Long[n];
      Long[] tx = new Long[n];
      Long[] position = new Long[n];
      for (int i = 0; i < n; i++) {
        OwnedPartition.Write write = writes.get(i);
        parts[i] = write.partition();
        epochs[i] = write.epoch();
        oldTx[i] = write.expected().transactionId();
        oldPosition[i] = write.expected().position();
        tx[i] = write.target().transactionId();
        position[i] = write.target().position();
      }
      statement.setArray(1, connection.createArrayOf("integer", parts));
      statement.setArray(2, connection.createArrayOf("bigint", epochs));
      statement.setArray(3, connection.createArrayOf("bigint", oldTx));
      statement.setArray(4, connection.createArrayOf("bigint", oldPosition));
      statement.setArray(5, connection.createArrayOf("bigint", tx));
      statement.setArray(6, connection.createArrayOf("bigint", position));
      statement.setString(7, subscription);
      statement.setString(8, group);
      statement.setString(9, member);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          moved.add(row.getInt(1));
        }
      }
    } catch (SQLException e) {
      throw failure("move its checkpoints", e);
    }
    return moved;
  }

  /**
   * In the caller's transaction: moves the partition's checkpoint from {@code expected} to
   * {@code target}, if this member still holds it at {@code epoch}; whether it moved.
   */
  boolean ackInTransaction(Connection transaction, int partition, long epoch, Checkpoint expected, Checkpoint target)
      throws SQLException {
    try (PreparedStatement statement = transaction.prepareStatement(sql.ackInTransaction)) {
      statement.setLong(1, target.transactionId());
      statement.setLong(2, target.position());
      statement.setString(3, subscription);
      statement.setString(4, group);
      statement.setInt(5, partition);
      statement.setString(6, member);
      statement.setLong(7, epoch);
      statement.setLong(8, expected.transactionId());
      statement.setLong(9, expected.position());
      return statement.executeUpdate() == 1;
    }
  }

  /** The partition's row as stored. */
  Stored read(int partition) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.partitionRow)) {
      statement.setString(1, subscription);
      statement.setString(2, group);
      statement.setInt(3, partition);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return new Stored(null, -1, Checkpoint.START);
        }
        return new Stored(row.getString(1), row.getLong(2), new Checkpoint(row.getLong(3), row.getLong(4)));
      }
    } catch (SQLException e) {
      throw failure("read partition " + partition, e);
    }
  }

  /** Records a failed try of the event at {@code position} for whoever holds the partition next. */
  void recordFailure(OwnedPartition owned, long position, int attempts) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.recordFailure)) {
      statement.setLong(1, position);
      statement.setInt(2, attempts);
      statement.setString(3, subscription);
      statement.setString(4, group);
      statement.setInt(5, owned.partition);
      statement.setString(6, member);
      statement.setLong(7, owned.epoch);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw failure("record a failure", e);
    }
  }

  /** Parks an event the group gives up on, with the error and the raw row. */
  void park(RawRow row, int attempts, String error) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.park)) {
      statement.setString(1, subscription);
      statement.setString(2, group);
      statement.setLong(3, row.checkpoint().transactionId());
      statement.setLong(4, row.position());
      statement.setString(5, row.streamId());
      statement.setLong(6, row.version());
      statement.setString(7, row.type());
      statement.setInt(8, row.schemaVersion());
      statement.setString(9, row.data());
      statement.setString(10, row.headers());
      statement.setInt(11, attempts);
      statement.setString(12, error);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw failure("park the event at position " + row.position(), e);
    }
  }

  private Set<Integer> byPartitionAndEpoch(String statementSql, Collection<OwnedPartition> owned, boolean withLease,
      String what) {
    Set<Integer> held = new HashSet<>();
    if (owned.isEmpty()) {
      return held;
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(statementSql)) {
      Integer[] parts = owned.stream().map(p -> p.partition).toArray(Integer[]::new);
      Long[] epochs = owned.stream().map(p -> p.epoch).toArray(Long[]::new);
      int i = 1;
      if (withLease) {
        statement.setLong(i++, leaseMillis);
      }
      Array partArray = connection.createArrayOf("integer", parts);
      statement.setArray(i++, partArray);
      statement.setArray(i++, connection.createArrayOf("bigint", epochs));
      statement.setString(i++, subscription);
      statement.setString(i++, group);
      statement.setString(i, member);
      if (withLease) {
        try (ResultSet row = statement.executeQuery()) {
          while (row.next()) {
            held.add(row.getInt(1));
          }
        }
      } else {
        statement.executeUpdate();
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
    return held;
  }

  private RillflowException failure(String what, SQLException e) {
    return new RillflowException("Subscription " + subscription + ", group " + group + ", member " + member
        + ": could not " + what + ": " + e.getMessage(), e);
  }
}
