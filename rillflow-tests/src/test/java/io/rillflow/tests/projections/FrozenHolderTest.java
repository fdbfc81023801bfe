package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.AppendOptions;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.RillflowTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease holder, a daemon in another JVM, is frozen ({@code SIGSTOP}) inside a batch, its
 * transaction open and the projection's row locked: the daemon here takes over within twice the
 * lease, and when the frozen one is continued ({@code SIGCONT}) it commits nothing: no read-model
 * write applied twice, the checkpoint moved only by the new holder.
 */
class FrozenHolderTest extends RillflowTestBase {
  private static final int EVENTS = 400;
  private static final Duration LEASE = FreezingDaemonMain.LEASE;

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, new Ledger())
        .projectionOptions(ProjectionOptions.defaults().batchSize(100).pollInterval(Duration.ofMillis(50))
            .leaseDuration(LEASE).nodeId("survivor"));
  }

  @BeforeEach
  void tables() {
    Ledger.createTables(store());
  }

  @AfterEach
  void stopDaemon() {
    store().projections().daemon().stop();
  }

  @Test
  void aHolderFrozenMidBatchIsReplacedWithinTwiceTheLeaseAndCommitsNothingWhenItWakes() throws Exception {
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      ticks.add(new Tick("k" + (i % 7), i));
    }
    store().events().append("s", ExpectedVersion.noStream(), AppendOptions.NONE, ticks);
    Ledger.awaitReadable(store(), EVENTS);

    ProjectionDaemon daemon = store().projections().daemon();
    try (ChildJvm frozen = ChildJvm.start(FreezingDaemonMain.class, store())) {
      Await.until("the other JVM applied a few batches", Duration.ofSeconds(60),
          () -> Ledger.applied(store()) >= 45 || !frozen.isAlive());
      assertThat(frozen.isAlive()).as("the other JVM runs").isTrue();
      long stoppedAt = stopInsideABatch(frozen);
      long appliedByTheFrozen = Ledger.applied(store());

      daemon.start();
      Await.until("the survivor took the projection over", Duration.ofSeconds(30),
          () -> daemon.status().get(0).ownedHere());
      long takeoverMillis = (System.nanoTime() - stoppedAt) / 1_000_000;
      System.out.println("Frozen holder replaced " + takeoverMillis + " ms after SIGSTOP (lease " + LEASE.toMillis()
          + " ms)");
      assertThat(takeoverMillis).as("takeover after the holder froze").isLessThanOrEqualTo(2 * LEASE.toMillis());

      Await.until("the survivor applied every event", Duration.ofSeconds(60), () -> Ledger.applied(store()) == EVENTS);
      ProjectionStatus taken = daemon.status().get(0);
      assertThat(appliedByTheFrozen).isLessThan(EVENTS);

      int printedBefore = frozen.lines().size();
      frozen.resume();
      Await.until("the frozen JVM woke and its batch failed", Duration.ofSeconds(30),
          () -> frozen.lines().stream().skip(printedBefore).anyMatch(line -> line.startsWith("apply failed")));
      // The woken batch's next statement failed: the server had closed its connection, rolling
      // back what the batch wrote, so nothing of it can commit any more.
      assertThat(Ledger.timesApplied(store()).values()).as("nothing applied twice").containsOnly(1L);
      assertThat(Ledger.totals(store())).isEqualTo(Ledger.replay(store()));
      ProjectionStatus after = daemon.status().get(0);
      assertThat(after.owner()).isEqualTo("survivor");
      assertThat(after.epoch()).as("no takeover back").isEqualTo(taken.epoch());
      assertThat(after.checkpoint()).isEqualTo(taken.checkpoint());
      assertThat(frozen.lines()).as("the woken JVM applied nothing after its stop was over")
          .noneMatch(line -> line.startsWith("applied ") && frozen.lines().indexOf(line) > printedBefore);
    }
  }

  /**
   * Stops the child inside a batch: its batches take a second and the gaps between them a few
   * milliseconds, so a stop that lands in a gap (no transaction open) is rare; it is continued and
   * stopped again then.
   *
   * @return when it was stopped, in {@link System#nanoTime()}
   */
  private long stopInsideABatch(ChildJvm child) throws Exception {
    for (int attempt = 0; attempt < 5; attempt++) {
      child.stop();
      long stoppedAt = System.nanoTime();
      long deadline = stoppedAt + Duration.ofMillis(500).toNanos();
      while (System.nanoTime() - deadline < 0) {
        if (aBatchIsOpen()) {
          return stoppedAt;
        }
        Thread.sleep(20);
      }
      child.resume();
      Thread.sleep(100);
    }
    throw new AssertionError("could not stop the other JVM inside a batch in 5 tries");
  }

  private boolean aBatchIsOpen() {
    return Ledger.count(store(), "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'"
        + " AND query LIKE '%ledger_%'") == 1;
  }
}
