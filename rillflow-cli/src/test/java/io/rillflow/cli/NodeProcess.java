package io.rillflow.cli;

import io.rillflow.test.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link ClusterNodeMain} child JVM: its node id, health port and log; killed, stopped or continued with real signals. */
final class NodeProcess implements AutoCloseable {
  final String id;
  final int port;
  private final Process process;
  private final Path log;

  private NodeProcess(String id, int port, Process process, Path log) {
    this.id = id;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** The settings every node of one test shares. */
  record Settings(String schema, String mode, String cluster, int projections, long leaseMillis, long graceMillis,
      int minColdStandbys, long millisPerEvent) {}

  static NodeProcess start(Settings settings, String id) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("rillflow-node-" + id, ".log");
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
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"),
        ClusterNodeMain.class.getName(), url, settings.schema(), settings.mode(),
        settings.cluster(), id, Integer.toString(port), Integer.toString(settings.projections()),
        Long.toString(settings.leaseMillis()), Long.toString(settings.graceMillis()),
        Integer.toString(settings.minColdStandbys()), Long.toString(settings.millisPerEvent())));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new NodeProcess(id, port, process, log);
  }

  /** The application_name of the node's connections. */
  static String applicationName(String id) {
    return "rillflow-node-" + id;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      signal("CONT");
      kill();
    }
    Files.deleteIfExists(log);
  }
}
