package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rillflow.cli.app.Account;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Background snapshot compaction in the daemon host: {@code projections run-loop --snapshots-threshold}
 * as a real child JVM (SIGTERM, SIGKILL, SIGSTOP), and {@link DaemonHost} with a {@link SnapshotSchedule}
 * in this JVM whose rounds fail (connections terminated, table gone) and go on.
 */
class SnapshotScheduleTest extends RillflowTestBase {
  private static final AppendOptions ACCOUNT = AppendOptions.builder().streamType("Account").build();
  private ChildJvm child;
  private DaemonHost host;

  @AfterEach
  void cleanUp() throws Exception {
    if (child != null) {
      child.close();
    }
    if (host != null) {
      host.stop();
    }
    store().projections().daemon().stop();
  }

  @Test
  void runLoopCompactsInTheBackgroundRoundAfterRoundUntilSigterm() throws Exception {
    deposit("acc-1", 5);
    startChild();
    assertThat(child.awaitLine("Projection daemon running", Duration.ofSeconds(90)))
        .contains("compacting snapshots past 3 events");
    awaitSnapshot("acc-1", 5);
    deposit("acc-1", 4);
    awaitSnapshot("acc-1", 9);
    assertThat(store().aggregates(Account.class).load("acc-1")).contains(new Account(90));

    child.terminate();
    assertThat(child.awaitExit(Duration.ofSeconds(60))).as(child.output()).isIn(0, 143);
  }

  @Test
  void aFrozenThenKilledChildRacesThisHostAndNoSnapshotGoesBackwards() throws Exception {
    deposit("acc-1", 5);
    deposit("acc-2", 5);
    startChild();
    awaitSnapshot("acc-1", 5);
    child.stop(); // SIGSTOP
    host = DaemonHost.start(store(), "127.0.0.1:0", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        SnapshotSchedule.every(Duration.ofMillis(100), 3, 1));
    deposit("acc-1", 4);
    deposit("acc-2", 4);
    awaitSnapshot("acc-1", 9);
    awaitSnapshot("acc-2", 9);

    child.resume(); // SIGCONT: the woken child races this host over the same streams
    deposit("acc-1", 4);
    awaitSnapshot("acc-1", 13);
    assertThat(snapshotVersion("acc-2")).as("never older than the newest written").isEqualTo(9);

    child.kill();
    deposit("acc-2", 4);
    awaitSnapshot("acc-2", 13);
    assertThat(store().aggregates(Account.class).load("acc-1")).contains(new Account(130));
    assertThat(store().aggregates(Account.class).load("acc-2")).contains(new Account(130));
  }

  @Test
  void roundsThatFailAreLoggedAndTheNextRoundCompacts() throws Exception {
    host = DaemonHost.start(store(), "127.0.0.1:0", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        SnapshotSchedule.every(Duration.ofMillis(100), 3, 10));
    deposit("acc-1", 5);
    awaitSnapshot("acc-1", 5);

    String snapshots = "\"" + store().schemaName() + "\".rf_snapshots";
    execute("ALTER TABLE " + snapshots + " RENAME TO rf_snapshots_away");
    deposit("acc-1", 4);
    terminateTheStoresBackends();
    // Rounds fail while the table is gone; let several of them fail before it comes back.
    long failingSince = System.nanoTime();
    Http.await("rounds fail for a while", Duration.ofSeconds(30),
        () -> System.nanoTime() - failingSince > TimeUnit.MILLISECONDS.toNanos(500));
    execute("ALTER TABLE \"" + store().schemaName() + "\".rf_snapshots_away RENAME TO rf_snapshots");
    awaitSnapshot("acc-1", 9);

    host.stop();
    deposit("acc-1", 4);
    assertThat(store().snapshots().compactOnce(100, 10)).as("the store is still open").isZero();
    assertThat(snapshotVersion("acc-1")).as("stopped: no more rounds").isEqualTo(9);
  }

  @Test
  void aScheduleRefusesNonsense() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SnapshotSchedule.every(Duration.ZERO, 3, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SnapshotSchedule.every(Duration.ofSeconds(1), -1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
    assertThat(SnapshotSchedule.NONE.enabled()).isFalse();
  }

  private void startChild() throws Exception {
    child = ChildJvm.start(CliProcess.builder(store().schemaName(), "projections", "run-loop", "--snapshots-threshold",
        "3", "--snapshots-batch", "1", "--snapshots-interval-millis", "100"));
  }

  private void deposit(String account, int count) {
    for (int i = 0; i < count; i++) {
      store().events().append(account, ExpectedVersion.any(), ACCOUNT, new Deposited(account, 10));
    }
  }

  /** Polls the snapshot row; 90 s covers a child JVM's start on a loaded machine. */
  private void awaitSnapshot(String stream, long version) throws Exception {
    Http.await(stream + "'s snapshot at version " + version, Duration.ofSeconds(90),
        () -> snapshotVersion(stream) == version);
  }

  private long snapshotVersion(String stream) {
    try (Connection connection = store().dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT version FROM \"" + store().schemaName()
            + "\".rf_snapshots WHERE stream_id = ?")) {
      query.setString(1, stream);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getLong(1) : 0;
      }
    } catch (java.sql.SQLException e) {
      return -1; // the table is away
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection connection = store().dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** pg_terminate_backend on this store's other connections (found by its schema in their SQL). */
  private void terminateTheStoresBackends() throws Exception {
    try (Connection connection = store().dataSource().getConnection();
        PreparedStatement kill = connection.prepareStatement("SELECT count(pg_terminate_backend(pid)) "
            + "FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() "
            + "AND query LIKE '%' || ? || '%'")) {
      kill.setString(1, store().schemaName());
      kill.executeQuery().close();
    }
  }
}
