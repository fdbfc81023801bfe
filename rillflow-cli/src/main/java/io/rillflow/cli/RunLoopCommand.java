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

  @Override
  public Integer call() throws InterruptedException {
    RootCommand root = parent.root;
    DocumentStore store = root.store(daemon);
    DaemonHost host = healthBind != null
        ? DaemonHost.start(store, healthBind, root.meters())
        : startWithoutEndpoints(store);
    Thread hook = new Thread(host::stop, "rillflow-run-loop-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    Map<String, Object> started = new java.util.LinkedHashMap<>();
    started.put("running", true);
    started.put("projections", store.projections().names());
    started.put("healthBind", host.address().getHostString() + ":" + host.address().getPort());
    root.output().message(started, "Projection daemon running for " + store.projections().names()
        + "; health on http://" + host.address().getHostString() + ":" + host.address().getPort() + "/"
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

  /** Without {@code --health-bind} the endpoints go to a free loopback port (printed): one path starts and stops the daemon. */
  private static DaemonHost startWithoutEndpoints(DocumentStore store) {
    return DaemonHost.start(store, "127.0.0.1:0");
  }
}
