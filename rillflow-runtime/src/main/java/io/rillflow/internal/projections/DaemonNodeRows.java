package io.rillflow.internal.projections;

import io.rillflow.RillflowException;
import io.rillflow.internal.sql.Transaction;
import io.rillflow.projections.ClusterMode;
import io.rillflow.projections.DaemonCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/** Runs the {@link DaemonNodeSql} statements: heartbeats, reads, promotions and demotions. */
final class DaemonNodeRows {
  private final DataSource dataSource;
  private final DaemonNodeSql sql;
  private final String schema;

  DaemonNodeRows(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    this.sql = new DaemonNodeSql(schema);
    this.schema = schema;
  }

  /**
   * One heartbeat of {@code node}: renews its row, and in hotcold mode deposes an expired hot node and
   * claims the flag when free, under the cluster's lock; the cluster's rows after it.
   */
  List<NodeRow> heartbeat(DaemonCluster cluster, String node, long leaseMillis) {
    return inTransaction("heartbeat in cluster " + cluster.name(), connection -> {
      lock(connection, cluster.name());
      try (PreparedStatement beat = connection.prepareStatement(sql.beat)) {
        beat.setString(1, cluster.name());
        beat.setString(2, node);
        beat.setString(3, cluster.mode().label());
        beat.setInt(4, cluster.minColdStandbys());
        beat.setLong(5, leaseMillis);
        beat.executeUpdate();
      }
      if (cluster.mode() == ClusterMode.HOTCOLD) {
        try (PreparedStatement depose = connection.prepareStatement(sql.depose)) {
          depose.setString(1, cluster.name());
          depose.setLong(2, cluster.leaseGrace().toMillis());
          depose.executeUpdate();
        }
        try (PreparedStatement claim = connection.prepareStatement(sql.claim)) {
          claim.setString(1, cluster.name());
          claim.setString(2, node);
          claim.setString(3, cluster.name());
          claim.executeUpdate();
        }
      }
      return rows(connection, cluster.name());
    });
  }

  /** Deletes the node's row (graceful stop): in hotcold mode a cold node claims the flag at its next heartbeat. */
  void leave(String cluster, String node) {
    inTransaction("leave cluster " + cluster, connection -> {
      lock(connection, cluster);
      try (PreparedStatement leave = connection.prepareStatement(sql.leave)) {
        leave.setString(1, cluster);
        leave.setString(2, node);
        leave.executeUpdate();
      }
      return null;
    });
  }

  /** The cluster's rows, read now. */
  List<NodeRow> read(String cluster) {
    return inTransaction("read cluster " + cluster, connection -> rows(connection, cluster));
  }

  /** Every row of the schema, by cluster and node. */
  List<NodeRow> readAll() {
    return inTransaction("read the daemon clusters", connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql.all)) {
        return rows(statement);
      }
    });
  }

  void promote(String cluster, String node) {
    inTransaction("promote " + node + " in cluster " + cluster, connection -> {
      lock(connection, cluster);
      List<NodeRow> rows = rows(connection, cluster);
      hotCold(cluster, rows);
      if (rows.stream().noneMatch(r -> r.nodeId().equals(node) && r.remainingNanos() > 0)) {
        throw new NoSuchElementException("Cluster " + cluster + " has no live node \"" + node + "\"; live nodes: "
            + rows.stream().filter(r -> r.remainingNanos() > 0).map(NodeRow::nodeId).toList());
      }
      try (PreparedStatement promote = connection.prepareStatement(sql.promote)) {
        promote.setString(1, node);
        promote.setString(2, node);
        promote.setString(3, cluster);
        promote.executeUpdate();
      }
      return null;
    });
  }

  Optional<String> demote(String cluster) {
    return inTransaction("demote the hot node of cluster " + cluster, connection -> {
      lock(connection, cluster);
      hotCold(cluster, rows(connection, cluster));
      try (PreparedStatement demote = connection.prepareStatement(sql.demote)) {
        demote.setString(1, cluster);
        try (ResultSet row = demote.executeQuery()) {
          return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  private static void hotCold(String cluster, List<NodeRow> rows) {
    if (rows.isEmpty()) {
      throw new NoSuchElementException("No daemon cluster is named \"" + cluster + "\" (it has no node rows)");
    }
    if (rows.stream().anyMatch(r -> r.mode() != ClusterMode.HOTCOLD)) {
      throw new IllegalStateException("Cluster " + cluster + " runs in " + rows.get(0).mode().label()
          + " mode: only a hotcold cluster has a hot node to promote or demote");
    }
  }

  private void lock(Connection connection, String cluster) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(sql.lock)) {
      lock.setLong(1, Rendezvous.hash("rillflow-daemon-nodes", schema + "/" + cluster));
      lock.execute();
    }
  }

  private List<NodeRow> rows(Connection connection, String cluster) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.cluster)) {
      statement.setString(1, cluster);
      return rows(statement);
    }
  }

  private static List<NodeRow> rows(PreparedStatement statement) throws SQLException {
    List<NodeRow> rows = new ArrayList<>();
    try (ResultSet row = statement.executeQuery()) {
      while (row.next()) {
        rows.add(new NodeRow(row.getString(1), row.getString(2), ClusterMode.of(row.getString(3)), row.getBoolean(4),
            row.getInt(5), row.getObject(6, OffsetDateTime.class).toInstant(),
            row.getObject(7, OffsetDateTime.class).toInstant(), row.getLong(8), row.getLong(9)));
      }
    }
    return rows;
  }

  private <R> R inTransaction(String what, Transaction.Work<R, RuntimeException> work) {
    try (Connection connection = dataSource.getConnection()) {
      return Transaction.run(connection, work);
    } catch (SQLException e) {
      throw new RillflowException("Cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
