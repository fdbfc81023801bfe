package io.rillflow.internal.projections;

import io.rillflow.projections.ClusterMode;
import io.rillflow.projections.ClusterNode;
import io.rillflow.projections.ClusterStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster's rows as one read saw them, carried forward in time: ages grow and leases shrink by the
 * {@link System#nanoTime()} elapsed since the read, so a gauge read between heartbeats shows a dead
 * node's heartbeat growing old and its lease running out, not the figures of the last read.
 *
 * @param name the cluster
 * @param mode its mode (this node's, or the rows')
 * @param rows its rows, by node id
 * @param readAt {@link System#nanoTime()} when the read began (ages are counted from it: a little old, never young)
 */
record ClusterView(String name, ClusterMode mode, List<NodeRow> rows, long readAt) {

  ClusterView {
    rows = List.copyOf(rows);
  }

  /** The status as of {@code now} ({@link System#nanoTime()}). */
  ClusterStatus status(long now) {
    long elapsed = now - readAt;
    List<ClusterNode> nodes = new ArrayList<>();
    int required = 0;
    for (NodeRow row : rows) {
      long remaining = row.remainingNanos() - elapsed;
      boolean live = remaining > 0;
      nodes.add(new ClusterNode(row.nodeId(), mode == ClusterMode.HOTCOLD ? row.hot() : live, live,
          Duration.ofNanos(row.ageNanos() + elapsed), Duration.ofNanos(remaining), row.heartbeatAt(), row.leaseUntil()));
      required = Math.max(required, row.minColdStandbys());
    }
    return ClusterStatus.of(name, mode, required, nodes);
  }

  /** The live nodes' ids as of {@code now}. */
  List<String> liveNodes(long now) {
    long elapsed = now - readAt;
    return rows.stream().filter(r -> r.remainingNanos() - elapsed > 0).map(NodeRow::nodeId).toList();
  }

  /** {@code node}'s row, or {@code null}. */
  NodeRow row(String node) {
    for (NodeRow row : rows) {
      if (row.nodeId().equals(node)) {
        return row;
      }
    }
    return null;
  }

  /**
   * How long after the read the earliest lease of another live node ends, plus {@code grace}; or
   * {@code -1} when no other node is live. A node checks again then, so it sees a death within moments
   * of the lease ending rather than at its next regular heartbeat.
   */
  long nextLeaseEndNanos(String self, long grace) {
    long earliest = -1;
    for (NodeRow row : rows) {
      boolean watched = mode == ClusterMode.HOTCOLD ? row.hot() : true;
      if (!row.nodeId().equals(self) && watched && row.remainingNanos() > 0) {
        long end = row.remainingNanos() + grace;
        earliest = earliest < 0 ? end : Math.min(earliest, end);
      }
    }
    return earliest;
  }
}
