package io.rillflow.internal.subscriptions;

import io.rillflow.RillflowException;
import io.rillflow.events.Checkpoint;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.events.RawRow;
import io.rillflow.subscriptions.PendingEvent;
import io.rillflow.subscriptions.PendingEvents;
import io.rillflow.subscriptions.SubscriptionInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@link io.rillflow.subscriptions.Subscriptions#pending}: what a consumer group would be delivered
 * next, worked out the way its members work it out, from the rows alone and without touching them.
 * Each partition's checkpoint is read once (the subscription's start for a partition the group never
 * ran); the rows after the lowest are read in pages below the safe point, as stored, and kept when
 * they match the filter and lie after their own partition's checkpoint.
 */
final class PendingReads {
  private static final int PAGE = 500;

  private final DataSource dataSource;
  private final PartitionSql sql;
  private final DefaultEventStore events;

  PendingReads(DataSource dataSource, PartitionSql sql, DefaultEventStore events) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.events = events;
  }

  PendingEvents read(SubscriptionInfo info, String group, Checkpoint after, int limit) {
    Checkpoint[] checkpoints = checkpoints(info, group);
    Checkpoint from = Arrays.stream(checkpoints).min(Checkpoint::compareTo).orElseThrow();
    if (after != null && after.compareTo(from) > 0) {
      from = after;
    }
    boolean withStreamType = !info.filter().streamTypes().isEmpty();
    List<PendingEvent> pending = new ArrayList<>();
    while (pending.size() < limit) {
      List<RawRow> rows = events.readRawRows(from, PAGE, withStreamType);
      for (RawRow row : rows) {
        from = row.checkpoint();
        int partition = StreamPartitions.of(row.streamId(), info.partitions());
        if (row.checkpoint().compareTo(checkpoints[partition]) > 0
            && info.filter().matches(row.type(), row.streamType())) {
          pending.add(new PendingEvent(row.checkpoint(), partition, row.streamId(), row.version(), row.type(),
              row.schemaVersion(), row.data()));
          if (pending.size() == limit) {
            break;
          }
        }
      }
      if (rows.size() < PAGE) {
        break;
      }
    }
    return new PendingEvents(pending, from);
  }

  /** Each partition's checkpoint for the group, by partition number. */
  private Checkpoint[] checkpoints(SubscriptionInfo info, String group) {
    Checkpoint[] checkpoints = new Checkpoint[info.partitions()];
    Checkpoint start = info.filter().start().checkpoint();
    Arrays.fill(checkpoints, start == null ? Checkpoint.START : start);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.partitions)) {
      statement.setString(1, info.name());
      statement.setString(2, group);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          checkpoints[row.getInt(1)] = new Checkpoint(row.getLong(2), row.getLong(3));
        }
      }
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the checkpoints of group " + group + " of subscription " + info.name()
          + ": " + e.getMessage(), e);
    }
    return checkpoints;
  }
}
