package io.rillflow.cli;

import io.rillflow.test.ChildJvm;
import io.rillflow.test.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

/** A {@link ClusterNodeMain} child JVM: its node id, health port and output; killed, stopped or continued with real signals. */
final class NodeProcess implements AutoCloseable {
  final String id;
  final int port;
  private final ChildJvm jvm;

  private NodeProcess(String id, int port, ChildJvm jvm) {
    this.id = id;
    this.port = port;
    this.jvm = jvm;
  }

  /** The settings every node of one test shares. */
  record Settings(String schema, String mode, String cluster, int projections, long leaseMillis, long graceMillis,
      int minColdStandbys, long millisPerEvent) {}

  static NodeProcess start(Settings settings, String id) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return start(id, port, ClusterNodeMain.class, List.of(settings.schema(), settings.mode(), settings.cluster(), id,
        Integer.toString(port), Integer.toString(settings.projections()), Long.toString(settings.leaseMillis()),
        Long.toString(settings.graceMillis()), Integer.toString(settings.minColdStandbys()),
        Long.toString(settings.millisPerEvent())));
  }

  /** Runs {@code main} with the shared test database's URL (its connections named for {@code id}), then {@code args}. */
  static NodeProcess start(String id, int port, Class<?> main, List<String> args) throws IOException {
    TestDatabase database = TestDatabase.shared();
    String url = database.jdbcUrl();
    if (database.username() != null) {
      url += (url.contains("?") ? "&" : "?") + "user=" + database.username();
    }
    if (database.password() != null) {
      url += (url.contains("?") ? "&" : "?") + "password=" + database.password();
    }
    // Its connections are named, so a test can end them (pg_terminate_backend) by application_name.
    url += (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName(id);
    List<String> all = new java.util.ArrayList<>(List.of(url));
    all.addAll(args);
    ChildJvm jvm = ChildJvm.start(List.of("-Xmx192m", "-XX:TieredStopAtLevel=1"), main, all);
    return new NodeProcess(id, port, jvm);
  }

  /** The application_name of the node's connections. */
  static String applicationName(String id) {
    return "rillflow-node-" + id;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  boolean isAlive() {
    return jvm.isAlive();
  }

  String log() {
    return jvm.output();
  }

  String awaitLine(String text, java.time.Duration timeout) throws InterruptedException {
    return jvm.awaitLine(text, timeout);
  }

  void kill() throws InterruptedException {
    jvm.kill();
  }

  void freeze() throws IOException, InterruptedException {
    jvm.stop();
  }

  void thaw() throws IOException, InterruptedException {
    jvm.resume();
  }

  @Override
  public void close() throws InterruptedException {
    jvm.close();
  }
}
