package io.rillflow.rabbitmq;

import io.rillflow.DocumentStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A forwarder in a JVM of its own, on this test's database and schema: started with this JVM's class
 * path, its output collected line by line, killed (or stopped and continued) with real signals.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader output = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Runs {@code main} with the store's JDBC URL and schema, then {@code more}, as its arguments. */
  static ChildJvm start(Class<?> main, DocumentStore store, String... more) throws SQLException, IOException {
    String url = System.getenv("RILLFLOW_TEST_DATABASE_URL");
    if (url == null) {
      try (Connection connection = store.dataSource().getConnection()) {
        url = connection.getMetaData().getURL() + (connection.getMetaData().getURL().contains("?") ? "&" : "?")
            + "user=" + connection.getMetaData().getUserName();
      }
    }
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", main.getName(), url, store.schemaName()));
    command.addAll(List.of(more));
    return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Whether it printed a line containing {@code text}. */
  boolean printed(String text) {
    return lines.stream().anyMatch(line -> line.contains(text));
  }

  List<String> lines() {
    return lines;
  }

  /** SIGSTOP: the process freezes where it is, its connections stay open. */
  void stop() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: a stopped process goes on. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** SIGKILL, then waits for the end. */
  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(Duration.ofSeconds(20).toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("the child JVM " + process.pid() + " did not end");
    }
  }
}
