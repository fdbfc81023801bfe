package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.Checkpoint;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.test.RillflowTestBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daemon on one node: catch-up, checkpoints, status, rebuild, reset, pause, NOTIFY wake-ups, metrics. */
class AsyncDaemonTest extends RillflowTestBase {
  private static final Ledger ledger = new Ledger();
  private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, ledger)
        // A poll interval far beyond the tests' patience: only a NOTIFY can wake the daemon in time.
        .projectionOptions(ProjectionOptions.defaults().batchSize(7).pollInterval(Duration.ofMinutes(5))
            .leaseDuration(Duration.ofMinutes(1)))
        .meterRegistry(meters);
  }

  @BeforeEach
  void tables() {
    Ledger.createTables(store());
  }

  @AfterEach
  void stopDaemon() {
    store().projections().daemon().stop();
  }

  private void tick(String key, int... amounts) {
    Object[] ticks = new Object[amounts.length];
    for (int i = 0; i < amounts.length; i++) {
      ticks[i] = new Tick(key, amounts[i]);
    }
    store().events().append(key, ExpectedVersion.any(), ticks);
    appended += amounts.length;
    Ledger.awaitReadable(store(), appended);
  }

  private int appended;

  @Test
  void runUntilIdleAppliesEveryEventOnceInBatchesAndStoresTheCheckpoint() {
    for (int i = 0; i < 10; i++) {
      tick("k" + (i % 3), 1, 2, 3);
    }
    ProjectionDaemon daemon = store().projections().daemon();
    double countedBefore = meters.get("rillflow.projection.events.applied").counter().count();

    assertThat(daemon.runUntilIdle()).isEqualTo(30);
    assertThat(daemon.runUntilIdle()).isZero();

    assertThat(Ledger.totals(store())).isEqualTo(Ledger.replay(store())).containsEntry("k0", 24L);
    assertThat(Ledger.timesApplied(store()).values()).hasSize(30).containsOnly(1L);
    ProjectionStatus status = daemon.status().get(0);
    assertThat(status.checkpoint().position()).isEqualTo(30);
    assertThat(status.head()).isEqualTo(30);
    assertThat(status.lag()).isZero();
    assertThat(status.ownedHere()).isTrue();
    assertThat(status.epoch()).isEqualTo(1);
    assertThat(meters.get("rillflow.projection.events.applied").tag("projection", Ledger.NAME).counter().count())
        .isEqualTo(countedBefore + 30);
    assertThat(meters.get("rillflow.projection.batch").timer().count()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void statusShowsTheLagBeforeTheDaemonRuns() {
    tick("a", 1, 1, 1, 1);
    ProjectionStatus status = store().projections().daemon().status().get(0);
    assertThat(status.lag()).isEqualTo(4);
    assertThat(status.checkpoint()).isEqualTo(Checkpoint.START);
    assertThat(status.owner()).isNull();
  }

  @Test
  void startedDaemonWakesOnNotifyAndAppliesNewEvents() {
    ProjectionDaemon daemon = store().projections().daemon();
    daemon.start();
    Await.until("the daemon holds the projection", Duration.ofSeconds(10),
        () -> daemon.status().get(0).ownedHere());
    tick("a", 5, 6);
    Await.until("both events applied", Duration.ofSeconds(10), () -> Ledger.applied(store()) == 2);
    tick("b", 7);
    Await.until("the third applied", Duration.ofSeconds(10), () -> Ledger.applied(store()) == 3);
    daemon.stop();

    assertThat(daemon.isRunning()).isFalse();
    assertThat(daemon.status().get(0).owner()).as("released on stop").isNull();
    assertThat(Ledger.totals(store())).isEqualTo(Map.of("a", 11L, "b", 7L));
  }

  @Test
  void rebuildClearsTheReadModelAndReplaysEveryEvent() {
    tick("a", 1, 2);
    ProjectionDaemon daemon = store().projections().daemon();
    daemon.runUntilIdle();
    Ledger.execute(store(), "UPDATE \"" + store().schemaName() + "\".ledger_totals SET amount = 1000");

    daemon.rebuild(Ledger.NAME);
    assertThat(Ledger.totals(store())).isEmpty();
    assertThat(daemon.runUntilIdle()).isEqualTo(2);

    assertThat(Ledger.totals(store())).isEqualTo(Map.of("a", 3L));
    assertThat(daemon.status().get(0).epoch()).as("the rebuild fenced the old lease").isEqualTo(3);
  }

  @Test
  void resetMovesTheCheckpointWithoutTouchingTheReadModel() {
    tick("a", 1, 2, 3);
    ProjectionDaemon daemon = store().projections().daemon();
    daemon.runUntilIdle();
    Checkpoint afterFirst = store().events().readAll(Checkpoint.START, 1).get(0).checkpoint();

    daemon.reset(Ledger.NAME, afterFirst);
    assertThat(daemon.runUntilIdle()).isEqualTo(2);

    assertThat(Ledger.totals(store())).isEqualTo(Map.of("a", 11L));
    assertThat(Ledger.timesApplied(store())).containsEntry("1", 1L).containsEntry("2", 2L).containsEntry("3", 2L);
  }

  @Test
  void pausedProjectionIsNotAppliedUntilResumed() {
    ProjectionDaemon daemon = store().projections().daemon();
    daemon.pause(Ledger.NAME);
    tick("a", 1);

    assertThat(daemon.runUntilIdle()).isZero();
    assertThat(daemon.status().get(0).paused()).isTrue();
    assertThat(Ledger.totals(store())).isEmpty();

    daemon.resume(Ledger.NAME);
    assertThat(daemon.runUntilIdle()).isEqualTo(1);
    assertThat(Ledger.totals(store())).isEqualTo(Map.of("a", 1L));
  }

  @Test
  void pauseFencesTheNodeThatHeldTheProjection() {
    ProjectionDaemon daemon = store().projections().daemon();
    tick("a", 1);
    daemon.runUntilIdle();
    daemon.pause(Ledger.NAME);
    tick("a", 1);

    assertThat(daemon.runUntilIdle()).isZero();
    assertThat(daemon.status().get(0).ownedHere()).isFalse();
  }
}
