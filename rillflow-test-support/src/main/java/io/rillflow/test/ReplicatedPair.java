package io.rillflow.test;

import io.rillflow.RillflowException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * A primary and a streaming hot standby of it, both embedded: write on the {@link #primary()}, wait
 * with {@link #awaitReplay()}, read on the {@link #replica()}. Get it from
 * {@link TestServers#replicatedPair()}.
 *
 * <p>The embedded bundle has no {@code pg_basebackup}, so the standby is made the way that tool
 * works underneath, with PostgreSQL's low-level backup API:
 *
 * <ol>
 *   <li>on the primary, a physical replication slot that keeps every WAL segment from now on, so the
 *       standby finds all it must replay however slow its start;
 *   <li>{@code pg_backup_start} (a fast checkpoint) on one connection, which stays open: the backup
 *       belongs to that session;
 *   <li>a copy of the running primary's data directory (torn files are fine: the standby replays the
 *       WAL from the backup's start over them), without the running server's own files and WAL;
 *   <li>{@code pg_backup_stop}, whose label file the copy gets as {@code backup_label}: it tells the
 *       standby where replay must start;
 *   <li>{@code standby.signal} and a {@code primary_conninfo} with that slot in the copy's
 *       {@code postgresql.auto.conf}, then the standby starts (hot standby is PostgreSQL's default).
 * </ol>
 *
 * <p>The hazard is the slot: it keeps WAL for as long as the standby lags or is down. A test JVM
 * writes little, and the servers go at its exit.
 */
public final class ReplicatedPair {
  private static final String SLOT = "rillflow_replica";
  private static final Duration DEFAULT_REPLAY_WAIT = Duration.ofSeconds(60);

  private final TestServer primary;
  private final TestServer replica;

  private ReplicatedPair(TestServer primary, TestServer replica) {
    this.primary = primary;
    this.replica = replica;
  }

  static ReplicatedPair start() {
    Map<String, String> config = TestServer.LIGHT_CONFIG;
    TestServer primary = TestServer.unstarted("primary", config);
    TestServer replica = TestServer.unstarted("replica", config);
    try {
      primary.start();
      cloneAsStandby(primary, replica);
      replica.start();
      ReplicatedPair pair = new ReplicatedPair(primary, replica);
      pair.awaitReplay();
      return pair;
    } catch (RuntimeException e) {
      // Not registered yet, so no exit hook would stop them: a postmaster outlives the JVM.
      replica.discard();
      primary.discard();
      throw e;
    }
  }

  private static void cloneAsStandby(TestServer primary, TestServer replica) {
    try (Connection connection = primary.connect(); Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
      statement.execute("SELECT pg_backup_start('rillflow standby', true)");
      DataDirectories.copyForStandby(primary.dataDirectory(), replica.dataDirectory());
      try (ResultSet stop = statement.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
        stop.next();
        Files.writeString(replica.dataDirectory().resolve("backup_label"), stop.getString(1));
        String tablespaces = stop.getString(2);
        if (tablespaces != null && !tablespaces.isEmpty()) {
          Files.writeString(replica.dataDirectory().resolve("tablespace_map"), tablespaces);
        }
      }
      Files.writeString(replica.dataDirectory().resolve("standby.signal"), "");
      Files.writeString(replica.dataDirectory().resolve("postgresql.auto.conf"),
          "\nprimary_conninfo = 'host=localhost port=" + primary.port() + " user=postgres application_name="
              + SLOT + "'\nprimary_slot_name = '" + SLOT + "'\n",
          StandardOpenOption.APPEND, StandardOpenOption.CREATE);
    } catch (SQLException e) {
      throw new RillflowException("Cannot take a base backup of " + primary + " for its standby: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the standby's data directory " + replica.dataDirectory(), e);
    }
  }

  /** The server that takes writes. */
  public TestServer primary() {
    return primary;
  }

  /** The hot standby: read-only, streaming from the primary. */
  public TestServer replica() {
    return replica;
  }

  /** {@link #awaitReplay(Duration)} for up to 60 s. */
  public void awaitReplay() {
    awaitReplay(DEFAULT_REPLAY_WAIT);
  }

  /**
   * Waits until the replica has replayed everything the primary had written when this was called,
   * so that a read on the replica sees every write committed before it.
   *
   * @throws RillflowException when it has not within {@code timeout} (replay paused with
   *     {@code pg_wal_replay_pause()}, the replica down), naming both positions
   */
  public void awaitReplay(Duration timeout) {
    String target;
    try (Connection connection = primary.connect(); Statement statement = connection.createStatement();
        ResultSet position = statement.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      position.next();
      target = position.getString(1);
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the WAL position of " + primary + ": " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    String replayed = null;
    SQLException lastFailure = null;
    while (System.nanoTime() < deadline) {
      try (Connection connection = replica.connect(); PreparedStatement query = connection.prepareStatement(
          "SELECT pg_last_wal_replay_lsn()::text, pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
        query.setString(1, target);
        while (System.nanoTime() < deadline) {
          try (ResultSet row = query.executeQuery()) {
            row.next();
            replayed = row.getString(1);
            if (row.getBoolean(2)) {
              return;
            }
          }
          pause();
        }
      } catch (SQLException e) {
        lastFailure = e;
        pause();
      }
    }
    throw new RillflowException("The replica " + replica + " has not replayed the primary's WAL up to " + target
        + " within " + timeout + " (replayed up to " + replayed + ")"
        + (lastFailure != null ? "; last failure: " + lastFailure.getMessage() : ""), lastFailure);
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RillflowException("Interrupted while waiting for the replica to replay", e);
    }
  }

  @Override
  public String toString() {
    return "primary " + primary + " with standby " + replica;
  }
}
