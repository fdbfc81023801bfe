package io.rillflow.internal.projections;

import io.rillflow.projections.ClusterStatus;
import io.rillflow.projections.DaemonClusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link io.rillflow.projections.Projections#clusters()}: reads and hand-overs on {@code rf_daemon_nodes}. */
final class DefaultDaemonClusters implements DaemonClusters {
  private final DaemonNodeRows rows;
  private final ClusterMember member;

  DefaultDaemonClusters(DaemonNodeRows rows, ClusterMember member) {
    this.rows = rows;
    this.member = member;
  }

  @Override
  public List<ClusterStatus> status() {
    long now = System.nanoTime();
    Map<String, List<NodeRow>> byCluster = new LinkedHashMap<>();
    for (NodeRow row : rows.readAll()) {
      byCluster.computeIfAbsent(row.cluster(), c -> new ArrayList<>()).add(row);
    }
    List<ClusterStatus> statuses = new ArrayList<>();
    byCluster.forEach((name, nodes) -> statuses.add(new ClusterView(name, nodes.get(0).mode(), nodes, now).status(now)));
    return statuses;
  }

  @Override
  public Optional<ClusterStatus> status(String cluster) {
    long now = System.nanoTime();
    List<NodeRow> nodes = rows.read(Objects.requireNonNull(cluster, "cluster"));
    return nodes.isEmpty() ? Optional.empty()
        : Optional.of(new ClusterView(cluster, nodes.get(0).mode(), nodes, now).status(now));
  }

  @Override
  public Optional<ClusterStatus> local() {
    return member.view().map(view -> view.status(System.nanoTime()));
  }

  @Override
  public void promote(String cluster, String node) {
    rows.promote(Objects.requireNonNull(cluster, "cluster"), Objects.requireNonNull(node, "node"));
  }

  @Override
  public Optional<String> demote(String cluster) {
    return rows.demote(Objects.requireNonNull(cluster, "cluster"));
  }
}
