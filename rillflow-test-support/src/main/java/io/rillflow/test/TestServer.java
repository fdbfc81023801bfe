package io.rillflow.test;

import io.rillflow.RillflowException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One embedded PostgreSQL server a test can stop, start and kill: its own port and data directory,
 * both kept for the life of the JVM, so its {@link #jdbcUrl() URL} and its data survive a restart.
 * Get one from {@link TestServers#extra(String)} or {@link TestServers#replicatedPair()}; the JVM's
 * exit stops it and deletes its data directory.
 *
 * <p>A server that is {@link #stop() stopped} or {@link #kill() killed} refuses connections: what a
 * test of "that server is down" needs. {@link #start()} brings it back on the same port with the
 * same data (after a kill, through PostgreSQL's own crash recovery). A {@link #freeze() frozen} one
 * is the harder case of a server that hangs: connections open at the kernel level and then nothing
 * answers, until {@link #thaw()}.
 *
 * <p>Thread-safe: the lifecycle methods are serialized.
 */
public final class TestServer {
  /** A cold start unpacks binaries and runs initdb; a loaded 2-core machine needs far more than 10 s. */
  private static final Duration STARTUP_WAIT = Duration.ofMinutes(2);
  /**
   * Small, since several of these run beside the JVM's main server on a machine shared with other
   * builds. Commits are synchronous (the embedded default is not): a kill must not lose a commit a
   * test saw succeed, and a commit must be in the WAL the standby streams once it returns.
   * {@code fsync} is off: a killed server's writes are in the OS's cache, and only the OS crashing
   * would lose them.
   */
  static final Map<String, String> LIGHT_CONFIG = Map.of(
      "shared_buffers", "16MB",
      "max_connections", "60",
      "max_wal_senders", "4",
      "wal_level", "replica",
      "synchronous_commit", "on",
      "fsync", "off");

  /** How long {@link #connect()} waits for a server to answer. */
  static final int LOGIN_TIMEOUT_SECONDS = 10;

  private final String name;
  private final int port;
  private final Path dataDirectory;
  private final Map<String, String> config;
  private EmbeddedPostgres running;
  private boolean startedOnce;
  private boolean frozen;

  private TestServer(String name, int port, Path dataDirectory, Map<String, String> config) {
    this.name = name;
    this.port = port;
    this.dataDirectory = dataDirectory;
    this.config = Map.copyOf(config);
  }

  /** A server not started yet, with a free port and an empty data directory of its own. */
  static TestServer unstarted(String name, Map<String, String> config) {
    try {
      Path directory = Files.createTempDirectory("rillflow-pg-" + name + "-");
      return new TestServer(name, freePort(), directory, config);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a data directory for test server " + name, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The name it was asked for by. */
  public String name() {
    return name;
  }

  /** Its port, the same across restarts. */
  public int port() {
    return port;
  }

  /** Its data directory, the same across restarts. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The JDBC URL of its {@code postgres} database as the superuser {@code postgres} (no password). */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  /** This server as a {@link TestDatabase}, for {@link TestSchema#create} and store builders. */
  public TestDatabase database() {
    return new TestDatabase(jdbcUrl(), null, null, toString());
  }

  /**
   * A new connection to its {@code postgres} database; the caller closes it. Gives up after
   * {@value #LOGIN_TIMEOUT_SECONDS} s without an answer (a {@link #freeze() frozen} server).
   *
   * @throws SQLException when the server is down or frozen
   */
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
    return DriverManager.getConnection(jdbcUrl(), properties);
  }

  /**
   * Drops {@code schema} and everything in it when it exists: what a test made on this server.
   *
   * @throws IllegalStateException when the server refuses, naming the schema and the server
   */
  public void dropSchema(String schema) {
    try (Connection connection = connect(); java.sql.Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS \"" + schema.replace("\"", "\"\"") + "\" CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop schema " + schema + " on " + this + ": " + e.getMessage(), e);
    }
  }

  /** Whether {@link #start()} ever succeeded. */
  synchronized boolean startedOnce() {
    return startedOnce;
  }

  /** Whether it was started and has not been stopped or killed since. */
  public synchronized boolean running() {
    return running != null;
  }

  /**
   * Starts it (initdb on the first start); does nothing when it runs.
   *
   * @throws RillflowException when the server does not start, with the reason
   */
  public synchronized void start() {
    if (running != null) {
      return;
    }
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(dataDirectory)
        // Keep the data across stop and start; TestServers deletes the directory at JVM exit.
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setPGStartupWait(STARTUP_WAIT);
    config.forEach(builder::setServerConfig);
    try {
      running = builder.start();
      startedOnce = true;
    } catch (IOException | RuntimeException e) {
      throw new RillflowException("Test server " + this + " did not start: " + e.getMessage(), e);
    }
  }

  /** Stops it the way an administrator would ({@code pg_ctl stop -m fast}); does nothing when it is down. */
  public synchronized void stop() {
    if (running == null) {
      return;
    }
    // A frozen server would not hear pg_ctl.
    thaw();
    try {
      running.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop test server " + this, e);
    } finally {
      running = null;
    }
  }

  /**
   * Kills it as a crash would: SIGKILL to the postmaster and every process it started, with no
   * shutdown checkpoint; returns once all of them are gone. Does nothing when it is down. The next
   * {@link #start()} runs crash recovery.
   */
  public synchronized void kill() {
    if (running == null) {
      return;
    }
    Optional<ProcessHandle> postmaster = postmasterPid().flatMap(ProcessHandle::of);
    frozen = false;
    if (postmaster.isPresent()) {
      // Children first collected, then the postmaster first killed, so that none can be restarted by it.
      List<ProcessHandle> children = postmaster.get().descendants().toList();
      postmaster.get().destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
      awaitExit(postmaster.get());
      children.forEach(TestServer::awaitExit);
    }
    // The embedded server's close() would run pg_ctl stop, which fails on a dead server and logs an
    // ERROR that reads like a broken test. Its only other duty is its lock on epg-lock in the data
    // directory (held by this JVM, so the next start would find it taken): deleting the file lets
    // the next start lock a new one, and the old lock goes with its stream when that is collected.
    try {
      Files.deleteIfExists(dataDirectory.resolve("epg-lock"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the lock of killed test server " + this, e);
    } finally {
      running = null;
    }
  }

  /**
   * Freezes it ({@code SIGSTOP} to the postmaster and every process it started), the way a paused VM
   * or a stalled disk looks from outside: new connections open at the kernel level and then wait
   * for an answer that does not come, and statements on open ones hang. Does nothing when it is down
   * or frozen. {@link #thaw()} undoes it; {@link #stop()}, {@link #kill()} and JVM exit thaw first
   * as needed.
   */
  public synchronized void freeze() {
    if (running == null || frozen) {
      return;
    }
    // Set first, so that thaw() undoes a freeze that failed half-way.
    frozen = true;
    ProcessHandle postmaster = postmaster();
    // The postmaster first: stopped, it starts no process while its children are listed and stopped.
    signal("STOP", List.of(postmaster), true);
    signal("STOP", postmaster.descendants().toList(), false);
  }

  /** Continues a {@link #freeze() frozen} server ({@code SIGCONT}); does nothing otherwise. */
  public synchronized void thaw() {
    if (running == null || !frozen) {
      return;
    }
    ProcessHandle postmaster = postmaster();
    signal("CONT", postmaster.descendants().toList(), false);
    signal("CONT", List.of(postmaster), true);
    frozen = false;
  }

  /** Whether it is {@link #freeze() frozen}. */
  public synchronized boolean frozen() {
    return frozen;
  }

  private ProcessHandle postmaster() {
    return postmasterPid().flatMap(ProcessHandle::of)
        .orElseThrow(() -> new RillflowException("Test server " + this + " has no running postmaster"));
  }

  /**
   * Sends {@code kill -signal} to the processes. A child of the postmaster may end between being
   * listed and being signalled (a backend closing, an autovacuum worker done), so for children a
   * failure is not one; for the postmaster it is.
   */
  private void signal(String signal, List<ProcessHandle> processes, boolean mustSucceed) {
    if (processes.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    processes.forEach(process -> command.add(Long.toString(process.pid())));
    try {
      Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(kill.getInputStream().readAllBytes());
      boolean ended = kill.waitFor(30, TimeUnit.SECONDS);
      if (mustSucceed && (!ended || kill.exitValue() != 0)) {
        throw new RillflowException("kill -" + signal + " on test server " + this + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run kill -" + signal + " for test server " + this, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RillflowException("Interrupted while signalling test server " + this, e);
    }
  }

  private Optional<Long> postmasterPid() {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new RillflowException("Process " + process.pid() + " outlived SIGKILL by 30 s", e);
    }
  }

  /** Stops it and deletes its data directory: at JVM exit, or when a pair failed to start. */
  synchronized void discard() {
    try {
      stop();
    } catch (RuntimeException e) {
      // Nothing more to do for it: the directory goes below anyway.
    }
    DataDirectories.delete(dataDirectory);
  }

  @Override
  public String toString() {
    return "embedded PostgreSQL \"" + name + "\" on port " + port;
  }
}
