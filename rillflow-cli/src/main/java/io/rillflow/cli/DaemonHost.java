package io.rillflow.cli;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.DocumentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a store's projection daemon with an HTTP endpoint beside it (the JDK's
 * {@code com.sun.net.httpserver}): {@code GET /} health as JSON, {@code GET /metrics} in Prometheus
 * text format, {@code GET /ready}, {@code GET /trace/{id}} (see {@link DaemonEndpoints}).
 *
 * <pre>{@code
 * PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * DocumentStore store = DocumentStore.builder()...meterRegistry(meters).build();
 * DaemonHost host = DaemonHost.start(store, "127.0.0.1:8080", meters);
 * Runtime.getRuntime().addShutdownHook(new Thread(host::stop));   // SIGTERM: finish the batch, release leases
 * host.awaitStop();
 * }</pre>
 *
 * <p>With a {@link SnapshotSchedule} it also compacts aggregate snapshots in the background.
 *
 * <p>Order matters on both ends: the HTTP server starts first so {@code /ready} answers 503 until the
 * daemon runs; {@link #stop()} turns {@code /ready} to 503 before it stops the daemon (which finishes
 * its batch and releases its leases, so another node takes over at once) and closes the server last.
 */
public final class DaemonHost implements AutoCloseable {
  private final DocumentStore store;
  private final HttpServer server;
  private final ExecutorService executor;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean ready;
  private volatile Runnable stopCompaction = () -> { };

  private DaemonHost(DocumentStore store, HttpServer server, ExecutorService executor) {
    this.store = store;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Serves the endpoints on {@code bind} ({@code host:port}; port 0 picks a free one), then starts the
   * store's projection daemon. {@code meters} should be the registry given to the store's builder
   * ({@code meterRegistry(...)}), so {@code /metrics} shows the store's meters.
   *
   * @throws IllegalArgumentException when {@code bind} is not {@code host:port}
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static DaemonHost start(DocumentStore store, String bind, PrometheusMeterRegistry meters) {
    return start(store, address(bind), meters);
  }

  /** As {@link #start(DocumentStore, String, PrometheusMeterRegistry)}, with {@code /metrics} showing only the host's own meters. */
  public static DaemonHost start(DocumentStore store, String bind) {
    return start(store, address(bind), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** As {@link #start(DocumentStore, String, PrometheusMeterRegistry)} on a socket address. */
  public static DaemonHost start(DocumentStore store, InetSocketAddress bind, PrometheusMeterRegistry meters) {
    return start(store, bind, meters, SnapshotSchedule.NONE);
  }

  /**
   * As {@link #start(DocumentStore, String, PrometheusMeterRegistry)}, compacting snapshots in the
   * background on {@code snapshots}' schedule until {@link #stop()}.
   */
  public static DaemonHost start(DocumentStore store, String bind, PrometheusMeterRegistry meters,
      SnapshotSchedule snapshots) {
    return start(store, address(bind), meters, snapshots);
  }

  /** As {@link #start(DocumentStore, String, PrometheusMeterRegistry, SnapshotSchedule)} on a socket address. */
  public static DaemonHost start(DocumentStore store, InetSocketAddress bind, PrometheusMeterRegistry meters,
      SnapshotSchedule snapshots) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(meters, "meters");
    HttpServer server;
    try {
      server = HttpServer.create(bind, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot serve the daemon host on " + bind + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "rillflow-daemon-host");
      thread.setDaemon(true);
      return thread;
    });
    DaemonHost host = new DaemonHost(store, server, executor);
    Gauge.builder("rillflow.daemon.ready", host, h -> h.ready ? 1 : 0)
        .description("1 while the daemon host runs its projection daemon").register(meters);
    new DaemonEndpoints(store, meters, host::isReady).register(server);
    server.setExecutor(executor);
    server.start();
    try {
      store.projections().daemon().start();
    } catch (RuntimeException e) {
      server.stop(0);
      executor.shutdownNow();
      throw e;
    }
    host.stopCompaction = snapshots.start(store);
    host.ready = true;
    return host;
  }

  /** Reads {@code host:port}; an IPv6 host in brackets. */
  static InetSocketAddress address(String bind) {
    int colon = bind == null ? -1 : bind.lastIndexOf(':');
    if (colon <= 0 || colon == bind.length() - 1) {
      throw new IllegalArgumentException("The health bind must be host:port, such as 127.0.0.1:8080, but was " + bind);
    }
    String host = bind.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(bind.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("The health bind's port must be a number, but was " + bind.substring(colon + 1), e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("The health bind's port must be 0 to 65535, but was " + port);
    }
    return new InetSocketAddress(host, port);
  }

  /** Where the endpoints are served (the real port when 0 was asked). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Whether the daemon runs under this host: what {@code /ready} answers. */
  public boolean isReady() {
    return ready && store.projections().daemon().isRunning();
  }

  /**
   * Stops: {@code /ready} answers 503, the daemon finishes its batch and releases its leases, then the
   * HTTP server closes. Idempotent; safe from a shutdown hook.
   */
  public void stop() {
    synchronized (this) {
      if (stopped.getCount() == 0) {
        return;
      }
      ready = false;
      try {
        stopCompaction.run();
        store.projections().daemon().stop();
      } finally {
        server.stop(0);
        executor.shutdownNow();
        stopped.countDown();
      }
    }
  }

  /** Blocks until {@link #stop()} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Blocks until stopped or {@code timeout} passes; whether it stopped. */
  public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
    return stopped.await(timeout, unit);
  }

  @Override
  public void close() {
    stop();
  }
}
