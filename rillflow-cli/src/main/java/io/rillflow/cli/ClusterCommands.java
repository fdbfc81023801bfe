package io.rillflow.cli;

import io.rillflow.projections.ClusterNode;
import io.rillflow.projections.ClusterStatus;
import io.rillflow.projections.DaemonClusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code projections cluster-status|promote|demote}: the daemon clusters of the schema
 * ({@code rf_daemon_nodes}). Work from the database's rows alone, so the standalone jar serves them.
 */
final class ClusterCommands {
  private ClusterCommands() {}

  /** One cluster as JSON; the daemon host's health shows the same fields. */
  static Map<String, Object> clusterJson(ClusterStatus cluster) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", cluster.name());
    json.put("mode", cluster.mode().label());
    json.put("healthy", cluster.healthy());
    json.put("hotNode", cluster.hotNode());
    json.put("standbyNodes", cluster.standbyNodes());
    json.put("requiredStandbys", cluster.requiredStandbys());
    json.put("nodes", cluster.nodes().stream().map(ClusterCommands::nodeJson).toList());
    return json;
  }

  private static Map<String, Object> nodeJson(ClusterNode node) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("node", node.nodeId());
    json.put("hot", node.hot());
    json.put("live", node.live());
    json.put("heartbeatAgeMillis", node.heartbeatAge().toMillis());
    json.put("leaseRemainingMillis", node.leaseRemaining().toMillis());
    json.put("heartbeatAt", node.heartbeatAt().toString());
    json.put("leaseUntil", node.leaseUntil().toString());
    return json;
  }

  @Command(name = "cluster-status", mixinStandardHelpOptions = true,
      description = "The daemon clusters: nodes, hot node, heartbeat age, lease, standbys, health")
  static final class Status implements Runnable {
    @ParentCommand
    ProjectionsCommand parent;

    @Option(names = "--cluster", description = "One cluster (default: every cluster of the schema)")
    String cluster;

    @Override
    public void run() {
      DaemonClusters clusters = parent.projections().clusters();
      List<ClusterStatus> shown;
      if (cluster != null) {
        shown = List.of(clusters.status(cluster)
            .orElseThrow(() -> new NotFoundException("No daemon cluster is named \"" + cluster + "\"")));
      } else {
        shown = clusters.status();
      }
      parent.root.output().print(Map.of("clusters", shown.stream().map(ClusterCommands::clusterJson).toList()), () -> {
        TextTable table = new TextTable("CLUSTER", "MODE", "HEALTHY", "STANDBYS", "REQUIRED", "NODE", "HOT", "LIVE",
            "HEARTBEAT_AGE_MS", "LEASE_MS");
        for (ClusterStatus status : shown) {
          for (ClusterNode node : status.nodes()) {
            table.row(status.name(), status.mode().label(), status.healthy() ? "yes" : "no", status.standbyNodes(),
                status.requiredStandbys(), node.nodeId(), node.hot() ? "yes" : "no", node.live() ? "yes" : "no",
                node.heartbeatAge().toMillis(), node.leaseRemaining().toMillis());
          }
        }
        return table;
      });
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = "Makes a live node of a hotcold cluster the hot one (the current one steps down)")
  static final class Promote implements Runnable {
    @ParentCommand
    ProjectionsCommand parent;

    @Option(names = "--cluster", required = true, description = "The cluster")
    String cluster;

    @Option(names = "--node", required = true, description = "The node to make hot")
    String node;

    @Override
    public void run() {
      parent.projections().clusters().promote(cluster, node);
      parent.root.output().message(Output.fields("cluster", cluster, "promoted", node),
          "Node " + node + " is hot in cluster " + cluster + "; the previous hot node steps down at its next heartbeat.");
    }
  }

  @Command(name = "demote", mixinStandardHelpOptions = true,
      description = "Takes the hot flag from a hotcold cluster's hot node; a cold node claims it")
  static final class Demote implements Runnable {
    @ParentCommand
    ProjectionsCommand parent;

    @Option(names = "--cluster", required = true, description = "The cluster")
    String cluster;

    @Override
    public void run() {
      Optional<String> demoted = parent.projections().clusters().demote(cluster);
      parent.root.output().message(Output.fields("cluster", cluster, "demoted", demoted.orElse(null)),
          demoted.map(n -> "Node " + n + " demoted in cluster " + cluster + "; a cold node claims the hot flag next.")
              .orElse("Cluster " + cluster + " had no hot node."));
    }
  }
}
