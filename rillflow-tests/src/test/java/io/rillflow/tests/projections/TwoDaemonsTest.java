package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.test.RillflowTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two daemons on one database: one holds the projection at a time, each event is applied once, takeovers are fenced. */
class TwoDaemonsTest extends RillflowTestBase {
  private static final ProjectionOptions OPTIONS = ProjectionOptions.defaults().batchSize(5)
      .pollInterval(Duration.ofMillis(20)).leaseDuration(Duration.ofSeconds(2));

  private DocumentStore second;

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.maximumPoolSize(12).readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, new Ledger())
        .projectionOptions(OPTIONS.nodeId("node-1"));
  }

  @BeforeEach
  void secondNode() {
    Ledger.createTables(store());
    second = DocumentStore.builder().dataSource(store().dataSource()).schema(store().schemaName())
        .autoCreate(AutoCreate.NONE).readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, new Ledger())
        .projectionOptions(OPTIONS.nodeId("node-2")).build();
  }

  @AfterEach
  void stopBoth() {
    store().projections().daemon().stop();
    second.close();
  }

  private void fenceOffTheHolderAfterAWhile() {
    Ledger.execute(store(), "UPDATE \"" + store().schemaName() + "\".rf_projections"
        + " SET lease_until = clock_timestamp() - interval '1 second'");
  }

  @Test
  void eachEventIsAppliedExactlyOnceWhileTwoDaemonsRunAndLeasesChangeHands() {
    store().projections().daemon().start();
    second.projections().daemon().start();
    // A fence before either daemon first took the lease would fence nobody: the writers start once one holds it.
    Await.until("a daemon holds the lease", Duration.ofSeconds(30),
        () -> store().projections().daemon().status().get(0).owner() != null);
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String key = "w" + w;
      writers.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 40; i++) {
          store().events().append(key + "-" + i, ExpectedVersion.noStream(), new Tick(key, i));
          if (i % 13 == 0) {
            // Expire whoever holds the lease: both compete, the epoch fences the loser's batch.
            fenceOffTheHolderAfterAWhile();
          }
        }
      }));
    }
    writers.forEach(CompletableFuture::join);
    Await.until("160 events applied", Duration.ofSeconds(60), () -> Ledger.applied(store()) == 160);

    // A holder busy with batches extends its lease with every checkpoint, so the fences above may all
    // have been outrun: expire it once more while it is idle, and the lease must change hands (a new
    // epoch, whichever node takes it); then the events after the hand-over.
    long epochBefore = store().projections().daemon().status().get(0).epoch();
    fenceOffTheHolderAfterAWhile();
    Await.until("a new epoch after the lease ran out", Duration.ofSeconds(30),
        () -> store().projections().daemon().status().get(0).epoch() > epochBefore);
    for (int i = 0; i < 20; i++) {
      store().events().append("after-" + i, ExpectedVersion.noStream(), new Tick("after", i));
    }

    Await.until("180 events applied", Duration.ofSeconds(60), () -> Ledger.applied(store()) == 180);
    assertThat(Ledger.timesApplied(store()).values()).as("no event applied twice").containsOnly(1L);
    assertThat(Ledger.totals(store())).isEqualTo(Ledger.replay(store()));
    ProjectionStatus status = store().projections().daemon().status().get(0);
    assertThat(status.owner()).isIn("node-1", "node-2");
    assertThat(status.epoch()).as("taken over at least once").isGreaterThan(1);
  }

  @Test
  void aHolderThatStopsAnsweringIsFencedOffAndTheOtherTakesOverWhenItsLeaseEnds() {
    store().events().append("a", ExpectedVersion.noStream(), new Tick("a", 1));
    Ledger.awaitReadable(store(), 1);
    assertThat(store().projections().daemon().runUntilIdle()).isEqualTo(1);
    // Node 1 goes silent; a third node (gone now too) took the row over at a higher epoch.
    Ledger.execute(store(), "UPDATE \"" + store().schemaName() + "\".rf_projections SET owner = 'node-3',"
        + " epoch = epoch + 1, lease_until = clock_timestamp() + interval '1 second'");
    store().events().append("a", ExpectedVersion.exactly(1), new Tick("a", 2));
    Ledger.awaitReadable(store(), 2);

    assertThat(store().projections().daemon().runUntilIdle()).as("node 1 is fenced off").isZero();

    second.projections().daemon().start();
    Await.until("node 2 applied the second event", Duration.ofSeconds(20), () -> Ledger.applied(store()) == 2);
    ProjectionStatus status = second.projections().daemon().status().get(0);
    assertThat(status.owner()).isEqualTo("node-2");
    assertThat(status.ownedHere()).isTrue();
    assertThat(status.epoch()).isEqualTo(3);
    assertThat(Ledger.timesApplied(store()).values()).containsOnly(1L);
    assertThat(Ledger.totals(store())).isEqualTo(Ledger.replay(store()));
  }

  @Test
  void aGracefulStopHandsTheProjectionOverAtOnce() {
    store().projections().daemon().start();
    Await.until("node 1 holds it", Duration.ofSeconds(10), () -> store().projections().daemon().status().get(0).ownedHere());
    second.projections().daemon().start();
    store().projections().daemon().stop();

    Await.until("node 2 holds it", Duration.ofSeconds(10), () -> second.projections().daemon().status().get(0).ownedHere());
    store().events().append("a", ExpectedVersion.noStream(), new Tick("a", 5));
    Await.until("node 2 applied it", Duration.ofSeconds(30), () -> Ledger.applied(store()) == 1);
  }
}
