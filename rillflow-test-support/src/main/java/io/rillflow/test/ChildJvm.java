package io.rillflow.test;

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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A process in a JVM of its own for crash tests: started with this JVM's class path, its output
 * (stdout and stderr together) collected line by line, and frozen, continued, terminated or killed
 * with real signals ({@code kill -STOP}, {@code -CONT}, {@code -TERM}, {@code -KILL}), so that a test
 * sees what a crashed or paused node leaves behind in the database.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(SubscriberMain.class, store(), "orders", "member-1")) {
 *   child.awaitLine("handled", Duration.ofSeconds(60));
 *   child.kill();
 * }
 * }</pre>
 *
 * <p>{@link #close()} kills it, frozen or not, so a test that fails midway leaves no process behind.
 */
public final class ChildJvm implements AutoCloseable {
  private static final Duration END_WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    this.reader = new Thread(() -> {
      try (BufferedReader output = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "child-jvm-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Runs {@code main} with the store's JDBC URL ({@link #jdbcUrl(DocumentStore)}) and schema as its
   * first two arguments, then {@code args}.
   *
   * @throws IOException when the JVM cannot be started
   */
  public static ChildJvm start(Class<?> main, DocumentStore store, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(jdbcUrl(store), store.schemaName()));
    all.addAll(List.of(args));
    return start(List.of(), main, all);
  }

  /**
   * Runs {@code main} with {@code jvmOptions} (for instance {@code -Xmx192m}) and exactly {@code args}.
   *
   * @throws IOException when the JVM cannot be started
   */
  public static ChildJvm start(List<String> jvmOptions, Class<?> main, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    return start(new ProcessBuilder(command));
  }

  /**
   * Runs a command prepared elsewhere (its output is merged into the lines collected here).
   *
   * @throws IOException when it cannot be started
   */
  public static ChildJvm start(ProcessBuilder command) throws IOException {
    return new ChildJvm(command.redirectErrorStream(true).start());
  }

  /** The {@code java} launcher of this JVM. */
  public static String java() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  /**
   * The URL a child connects to the store's database with: {@value TestDatabase#URL_VARIABLE} when the
   * store is on that database, else the store's own URL with its user (test servers trust local
   * connections), as for a tenant's database on an extra server.
   */
  public static String jdbcUrl(DocumentStore store) {
    String url = System.getenv(TestDatabase.URL_VARIABLE);
    try (Connection connection = store.dataSource().getConnection()) {
      String own = connection.getMetaData().getURL();
      if (url != null && withoutParameters(url).equals(withoutParameters(own))) {
        return url; // the test database's own URL, with whatever credentials it carries
      }
      // Another server (an extra embedded one, a tenant's database): its URL as the store connected.
      return own + (own.contains("?") ? "&" : "?") + "user=" + connection.getMetaData().getUserName();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the store's JDBC URL for a child JVM: " + e.getMessage(), e);
    }
  }

  private static String withoutParameters(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Whether it printed a line containing {@code text}. */
  public boolean printed(String text) {
    return lines.stream().anyMatch(line -> line.contains(text));
  }

  /** Every line printed so far (a live view: it grows while the child runs). */
  public List<String> lines() {
    return lines;
  }

  /** Everything printed so far, one line each: for an assertion's description. */
  public String output() {
    return String.join("\n", lines);
  }

  /**
   * Waits for a line containing {@code text} and returns it.
   *
   * @throws IllegalStateException naming the text and holding the output, when none came within
   *     {@code timeout} or the child ended without printing one
   */
  public String awaitLine(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> line = lines.stream().filter(l -> l.contains(text)).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      if (!process.isAlive()) {
        reader.join(TimeUnit.SECONDS.toMillis(5)); // what it printed last may still be in the pipe
        line = lines.stream().filter(l -> l.contains(text)).findFirst();
        if (line.isPresent()) {
          return line.get();
        }
        throw new IllegalStateException("The child JVM " + pid() + " ended (exit " + process.exitValue()
            + ") without printing \"" + text + "\":\n" + output());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The child JVM " + pid() + " printed no \"" + text + "\" within " + timeout
            + ":\n" + output());
      }
      Thread.sleep(20);
    }
  }

  /** SIGSTOP: the process freezes where it is; its connections stay open. */
  public void stop() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: a stopped process goes on. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  /** SIGTERM: the JVM runs its shutdown hooks, as under an orchestrator's stop. */
  public void terminate() throws IOException, InterruptedException {
    signal("TERM");
  }

  /**
   * SIGKILL, then waits for the end.
   *
   * @throws IllegalStateException when it has not ended within 30 s
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    awaitExit(END_WAIT);
  }

  /**
   * Waits for the process to end and returns its exit status (143 after an unhandled SIGTERM).
   *
   * @throws IllegalStateException when it has not ended within {@code timeout}
   */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("The child JVM " + pid() + " did not end within " + timeout + ":\n" + output());
    }
    reader.join(TimeUnit.SECONDS.toMillis(5));
    return process.exitValue();
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Kills it (SIGKILL ends a frozen process too) and waits for the end; nothing when it has ended. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
