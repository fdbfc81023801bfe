package io.rillflow.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.projections.ClusterMode;
import io.rillflow.projections.DaemonCluster;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import java.time.Duration;

/**
 * One node of a daemon cluster in a JVM of its own, as an application runs it: its store (with
 * {@code projections} {@link NodeLedger}s named {@code ledger-0...}) in the cluster, and the command
 * line's {@code projections run-loop --health-bind} inside the application. Arguments: JDBC URL,
 * schema, mode, cluster, node id, port, projections, lease ms, grace ms, min cold standbys, ms per event.
 */
public final class ClusterNodeMain {
  private ClusterNodeMain() {}

  public static void main(String[] args) {
    String node = args[4];
    int projections = Integer.parseInt(args[6]);
    long millisPerEvent = Long.parseLong(args[10]);
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DaemonCluster cluster = new DaemonCluster(ClusterMode.of(args[2]), args[3], Integer.parseInt(args[9]),
        Duration.ofMillis(Long.parseLong(args[8])));
    DocumentStoreBuilder builder = DocumentStore.builder().url(args[0]).schema(args[1]).autoCreate(AutoCreate.NONE)
        .readModels(false).meterRegistry(meters)
        .projectionOptions(ProjectionOptions.defaults().nodeId(node).batchSize(20).pollInterval(Duration.ofMillis(50))
            .leaseDuration(Duration.ofMillis(Long.parseLong(args[7]))).cluster(cluster));
    for (int i = 0; i < projections; i++) {
      builder.projection("ledger-" + i, ProjectionLifecycle.ASYNC, new NodeLedger(node, millisPerEvent));
    }
    int exit;
    try (DocumentStore store = builder.build()) {
      exit = RillflowCli.run(store, meters, "projections", "run-loop", "--health-bind", "127.0.0.1:" + args[5]);
    }
    System.exit(exit);
  }
}
