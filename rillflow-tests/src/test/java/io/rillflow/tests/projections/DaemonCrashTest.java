package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.RillflowTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A daemon in another JVM is killed ({@code kill -9}) in the middle of a batch; the daemon here
 * takes over when the dead one's lease ends: the read model equals a fresh replay and no event was
 * applied twice.
 */
class DaemonCrashTest extends RillflowTestBase {
  private static final int EVENTS = 1_500;

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, new Ledger())
        .projectionOptions(ProjectionOptions.defaults().batchSize(100).leaseDuration(Duration.ofSeconds(1))
            .nodeId("survivor"));
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
  void aDaemonKilledMidBatchLeavesNothingAppliedTwiceAndTheSurvivorFinishes() throws Exception {
    for (int from = 0; from < EVENTS; from += 100) {
      List<Tick> ticks = new ArrayList<>();
      for (int i = from; i < from + 100; i++) {
        ticks.add(new Tick("k" + (i % 7), i));
      }
      store().events().append("s" + from, ExpectedVersion.noStream(), io.rillflow.events.AppendOptions.NONE, ticks);
    }
    Ledger.awaitReadable(store(), EVENTS);

    try (ChildJvm doomed = ChildJvm.start(CrashingDaemonMain.class, store())) {
      Await.until("the other JVM applied a few batches", Duration.ofSeconds(60),
          () -> Ledger.applied(store()) >= 300 || !doomed.isAlive());
      assertThat(doomed.isAlive()).as("the other JVM runs").isTrue();
    }
    long appliedByTheDead = Ledger.applied(store());
    assertThat(appliedByTheDead).isLessThan(EVENTS);

    Await.until("the survivor took over and finished", Duration.ofSeconds(60), () -> {
      store().projections().daemon().runUntilIdle();
      return Ledger.applied(store()) == EVENTS;
    });
    assertThat(Ledger.timesApplied(store()).values()).as("nothing applied twice").containsOnly(1L);
    assertThat(Ledger.totals(store())).isEqualTo(Ledger.replay(store()));
    assertThat(store().projections().daemon().status().get(0).owner()).isEqualTo("survivor");
  }
}
