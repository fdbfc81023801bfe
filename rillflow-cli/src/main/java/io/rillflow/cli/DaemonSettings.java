package io.rillflow.cli;

import io.rillflow.DocumentStoreBuilder;
import io.rillflow.projections.ClusterMode;
import io.rillflow.projections.DaemonCluster;
import io.rillflow.projections.ProjectionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The run loop's daemon options for the standalone jar (an application sets them on its own store's
 * builder): node id, lease, and the cluster the node joins, with the RillFlow README's flag names.
 */
final class DaemonSettings {
  @Option(names = "--node-id", description = "This daemon's id in the lease rows and the cluster (default: random)")
  String nodeId;

  @Option(names = "--cluster-mode", paramLabel = "MODE", description = "single (default), hotcold or distributed")
  ClusterMode mode;

  @Option(names = "--cluster-name", paramLabel = "NAME", description = "The cluster to join (default: rillflow)")
  String cluster;

  @Option(names = "--min-cold-standbys", paramLabel = "N", description = "Standbys the cluster needs to be healthy")
  Integer minColdStandbys;

  @Option(names = "--lease-ttl-millis", paramLabel = "MS", description = "Lease of projections and nodes (default 30000)")
  Long leaseMillis;

  @Option(names = "--lease-grace-millis", paramLabel = "MS",
      description = "Hotcold: wait this long after the hot node's lease ended before taking over (default 0)")
  Long graceMillis;

  /** Whether any was given. */
  boolean given() {
    return !flags().isEmpty();
  }

  /** The flags given, for a message. */
  String flags() {
    List<String> flags = new ArrayList<>();
    if (nodeId != null) {
      flags.add("--node-id");
    }
    if (mode != null) {
      flags.add("--cluster-mode");
    }
    if (cluster != null) {
      flags.add("--cluster-name");
    }
    if (minColdStandbys != null) {
      flags.add("--min-cold-standbys");
    }
    if (leaseMillis != null) {
      flags.add("--lease-ttl-millis");
    }
    if (graceMillis != null) {
      flags.add("--lease-grace-millis");
    }
    return String.join(", ", flags);
  }

  void apply(DocumentStoreBuilder builder) {
    ProjectionOptions options = ProjectionOptions.defaults();
    if (nodeId != null) {
      options = options.nodeId(nodeId);
    }
    if (leaseMillis != null) {
      options = options.leaseDuration(Duration.ofMillis(leaseMillis));
    }
    ClusterMode clusterMode = mode != null ? mode : ClusterMode.SINGLE;
    if (clusterMode != ClusterMode.SINGLE) {
      DaemonCluster daemonCluster = new DaemonCluster(clusterMode, cluster != null ? cluster : "rillflow",
          minColdStandbys != null ? minColdStandbys : 0, Duration.ofMillis(graceMillis != null ? graceMillis : 0));
      options = options.cluster(daemonCluster);
    } else if (cluster != null || minColdStandbys != null || graceMillis != null) {
      throw new IllegalArgumentException("--cluster-name, --min-cold-standbys and --lease-grace-millis need "
          + "--cluster-mode hotcold or distributed");
    }
    builder.projectionOptions(options);
  }
}
