package io.rillflow.cli;

import io.rillflow.DocumentStore;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code projections run-loop}: runs the projection daemon until the process is told to stop
 * (SIGTERM, Ctrl-C): a shutdown hook stops the daemon, which finishes its batch and releases its
 * leases so another node takes over at once instead of after the lease ends. With
 * {@code --health-bind} the {@link DaemonHost} serves health, metrics, readiness and traces.
 */
@Command(name = "run-loop", mixinStandardHelpOptions = true,
    description = "Runs the projection daemon until SIGTERM; optionally serves health and metrics")
final class RunLoopCommand implements java.util.concurrent.Callable<Integer> {
  @ParentCommand
  ProjectionsCommand parent;

  @Option(names = "--health-bind", paramLabel = "HOST:PORT",
      description = "Serve GET / (health JSON), /metrics (Prometheus), /ready and /trace/{id} here, e.g. 127.0.0.1:8080")
  String healthBind;

  @picocli.CommandLine.Mixin
  DaemonSettings daemon = new DaemonSettings();

  @Option(names = "--snapshots-threshold", paramLabel = "N",
      description = "Also compact snapshots in the background: streams with more than N events past their last one")
  Long snapshotsThreshold;

  @Option(names = "--snapshots-batch", paramLabel = "N", defaultValue = "100",
      description = "Streams per compaction batch (default ${DEFAULT-VALUE})")
  int snapshotsBatch;

  @Option(names = "--snapshots-interval-millis", paramLabel = "MS", defaultValue = "10000",
      description = "Wait between compaction rounds (default ${DEFAULT-VALUE})")
  long snapshotsIntervalMillis;

  /** The background compaction the flags ask for; none without {@code --snapshots-threshold}. */
  SnapshotSchedule snapshots() {
    return snapshotsThreshold == null ? SnapshotSchedule.NONE
        : SnapshotSchedule.every(java.time.Duration.ofMillis(snapshotsIntervalMillis), snapshotsThreshold, snapshotsBatch);
  }

  @Override
  public Integer call() throws InterruptedException {
    RootCommand root = parent.root;
    DocumentStore store = root.store(daemon);
    SnapshotSchedule snapshots = snapshots();
    DaemonHost host = DaemonHost.start(store, healthBind != null ? healthBind : "127.0.0.1:0", root.meters(), snapshots);
    Thread hook = new Thread(host::stop, "rillflow-run-loop-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    Map<String, Object> started = new java.util.LinkedHashMap<>();
    started.put("running", true);
    started.put("projections", store.projections().names());
    started.put("healthBind", host.address().getHostString() + ":" + host.address().getPort());
    started.put("snapshotsThreshold", snapshotsThreshold);
    root.output().message(started, "Projection daemon running for " + store.projections().names()
        + "; health on http://" + host.address().getHostString() + ":" + host.address().getPort() + "/"
        + (snapshots.enabled() ? "; compacting snapshots past " + snapshotsThreshold + " events" : "")
        + "; stop with SIGTERM");
    try {
      host.awaitStop();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run: it stops the host.
      }
    }
    return ExitCodes.OK;
  }
}
