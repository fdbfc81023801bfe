package io.rillflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.DocumentStore;
import io.rillflow.projections.ClusterStatus;
import io.rillflow.projections.ProjectionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the cluster tests look at: a node's gauges scraped over HTTP and parsed strictly, the cluster's
 * rows, the projections' lease owners; and a background watch that keeps, per node, the sequence of
 * {@code daemon_cluster_healthy} values it served (changes only), so a test can see 1, 0, 1.
 */
final class ClusterProbe implements AutoCloseable {
  private final Map<String, List<Double>> healthy = new ConcurrentHashMap<>();
  private final Thread watcher;
  private volatile boolean running = true;

  private ClusterProbe(List<NodeProcess> nodes, String cluster) {
    watcher = new Thread(() -> {
      while (running) {
        for (NodeProcess node : nodes) {
          OptionalDouble value = gauge(node, "daemon_cluster_healthy", Map.of("cluster", cluster));
          if (value.isPresent()) {
            List<Double> seen = healthy.computeIfAbsent(node.id, id -> java.util.Collections.synchronizedList(new ArrayList<>()));
            if (seen.isEmpty() || seen.get(seen.size() - 1) != value.getAsDouble()) {
              seen.add(value.getAsDouble());
            }
          }
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "cluster-probe");
    watcher.setDaemon(true);
  }

  /** Starts watching the nodes' {@code daemon_cluster_healthy}. */
  static ClusterProbe watch(List<NodeProcess> nodes, String cluster) {
    ClusterProbe probe = new ClusterProbe(nodes, cluster);
    probe.watcher.start();
    return probe;
  }

  /** The values of {@code daemon_cluster_healthy} {@code node} served, each change once. */
  List<Double> healthySeen(NodeProcess node) {
    List<Double> seen = healthy.get(node.id);
    return seen == null ? List.of() : List.copyOf(seen);
  }

  /** One gauge of a node's {@code /metrics} whose labels include {@code labels}; empty when absent or unreachable. */
  static OptionalDouble gauge(NodeProcess node, String name, Map<String, String> labels) {
    try {
      var response = Http.get(node.base(), "/metrics");
      if (response.statusCode() != 200) {
        return OptionalDouble.empty();
      }
      return PrometheusText.parse(response.body()).stream()
          .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
          .mapToDouble(PrometheusText.Sample::value).findFirst();
    } catch (Exception unreachable) {
      return OptionalDouble.empty();
    }
  }

  /** A node's health JSON. */
  static JsonNode health(NodeProcess node) throws Exception {
    return CliProcess.JSON.readTree(Http.get(node.base(), "/").body());
  }

  static Optional<ClusterStatus> cluster(DocumentStore store, String name) {
    return store.projections().clusters().status(name);
  }

  /** The node holding the lease of each projection whose name starts with {@code ledger-}. */
  static Map<String, String> owners(DocumentStore store) {
    Map<String, String> owners = new java.util.TreeMap<>();
    for (ProjectionStatus status : store.projections().daemon().status()) {
      if (status.name().startsWith("ledger-")) {
        owners.put(status.name(), status.owner() == null ? "" : status.owner());
      }
    }
    return owners;
  }

  /** Whether {@code seen} holds {@code wanted} in order (not necessarily adjacent). */
  static boolean inOrder(List<Double> seen, double... wanted) {
    int next = 0;
    for (double value : seen) {
      if (next < wanted.length && value == wanted[next]) {
        next++;
      }
    }
    return next == wanted.length;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    watcher.interrupt();
    watcher.join();
  }
}
