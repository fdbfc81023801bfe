package io.rillflow.internal.projections;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.rillflow.projections.ClusterNode;
import io.rillflow.projections.ClusterStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The cluster gauges of the RillFlow README, as this node sees its cluster, each computed when read
 * from the last heartbeat's view carried forward to now ({@link ClusterView#status(long)}):
 * {@code daemon_cluster_healthy}, {@code daemon_cluster_standby_nodes},
 * {@code daemon_cluster_required_standbys} (tag {@code cluster}), and per node of the view
 * {@code daemon_node_hot}, {@code daemon_node_heartbeat_age_seconds}, {@code daemon_node_lease_seconds}
 * (tags {@code cluster}, {@code node}). Before the first heartbeat the cluster gauges read NaN, except
 * healthy, which reads 0.
 */
final class ClusterGauges {
  private final String cluster;
  private final Supplier<Optional<ClusterView>> views;
  private final MultiGauge hot;
  private final MultiGauge heartbeatAge;
  private final MultiGauge leaseSeconds;
  private List<String> registeredNodes = List.of();

  ClusterGauges(MeterRegistry registry, String cluster, Supplier<Optional<ClusterView>> views) {
    this.cluster = cluster;
    this.views = views;
    Gauge.builder("daemon.cluster.healthy", this, g -> g.status().map(s -> s.healthy() ? 1.0 : 0.0).orElse(0.0))
        .tag("cluster", cluster).description("1 when the cluster has its hot node(s) and enough standbys")
        .register(registry);
    Gauge.builder("daemon.cluster.standby.nodes", this, g -> g.status().map(s -> (double) s.standbyNodes())
        .orElse(Double.NaN)).tag("cluster", cluster).description("Live nodes ready to take over").register(registry);
    Gauge.builder("daemon.cluster.required.standbys", this, g -> g.status().map(s -> (double) s.requiredStandbys())
        .orElse(Double.NaN)).tag("cluster", cluster).description("Standbys the cluster needs to be healthy")
        .register(registry);
    hot = MultiGauge.builder("daemon.node.hot").description("1 while the node runs the projections (hotcold: holds"
        + " the hot flag; distributed: is live)").register(registry);
    heartbeatAge = MultiGauge.builder("daemon.node.heartbeat.age.seconds")
        .description("Seconds since the node's last heartbeat").register(registry);
    leaseSeconds = MultiGauge.builder("daemon.node.lease.seconds")
        .description("Seconds until the node's lease ends (negative once it has)").register(registry);
  }

  /** After a heartbeat: one row per node of the view (a node that left disappears). */
  synchronized void refresh(ClusterView view) {
    List<String> nodes = view.rows().stream().map(NodeRow::nodeId).toList();
    if (nodes.equals(registeredNodes)) {
      return;
    }
    registeredNodes = nodes;
    hot.register(rows(nodes, n -> n.hot() && n.live() ? 1.0 : 0.0), true);
    heartbeatAge.register(rows(nodes, n -> n.heartbeatAge().toNanos() / 1e9), true);
    leaseSeconds.register(rows(nodes, n -> n.leaseRemaining().toNanos() / 1e9), true);
  }

  private List<MultiGauge.Row<?>> rows(List<String> nodes, ToDoubleFunction<ClusterNode> value) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (String node : nodes) {
      Function<String, Double> read = id -> status().flatMap(s -> s.nodes().stream()
          .filter(n -> n.nodeId().equals(id)).findFirst()).map(value::applyAsDouble).orElse(Double.NaN);
      rows.add(MultiGauge.Row.of(Tags.of("cluster", cluster, "node", node), node, read::apply));
    }
    return rows;
  }

  private Optional<ClusterStatus> status() {
    return views.get().map(view -> view.status(System.nanoTime()));
  }
}
