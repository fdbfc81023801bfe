package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writer A takes the first position and keeps its transaction open while B, C and D commit after
 * it; the daemon, running all along, must not pass A's event, and applies it (first) once A commits.
 */
class OutOfOrderCommitTest extends RillflowTestBase {

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, new Ledger())
        .projectionOptions(ProjectionOptions.defaults().batchSize(2).pollInterval(Duration.ofMillis(50)));
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
  void anEventCommittedLateIsAppliedOnceAndTheReadModelEqualsAFreshReplay() throws Exception {
    ProjectionDaemon daemon = store().projections().daemon();
    daemon.start();
    try (Connection writerA = store().dataSource().getConnection()) {
      writerA.setAutoCommit(false);
      try (Statement statement = writerA.createStatement()) {
        statement.execute("INSERT INTO \"" + store().schemaName() + "\".rf_events (stream_id, version, type, schema_version, data)"
            + " VALUES ('a', 1, 'Tick', 1, '{\"key\": \"a\", \"amount\": 100}')");
      }
      store().events().append("b", ExpectedVersion.noStream(), new Tick("b", 1));
      store().events().append("c", ExpectedVersion.noStream(), new Tick("c", 2));
      store().events().append("d", ExpectedVersion.noStream(), new Tick("d", 3));
      Await.until("the daemon holds the projection", Duration.ofSeconds(10), () -> daemon.status().get(0).ownedHere());

      assertThat(daemon.runUntilIdle()).as("nothing passes the open transaction's event").isZero();
      assertThat(Ledger.applied(store())).isZero();
      assertThat(daemon.status().get(0).lag()).as("B, C and D are stored after the checkpoint").isEqualTo(3);

      writerA.commit();
    }

    Await.until("all four applied", Duration.ofSeconds(30), () -> Ledger.applied(store()) == 4);
    assertThat(Ledger.applicationOrder(store())).as("A first: it is first in (tx_id, seq_id)")
        .isEqualTo(List.of(1L, 2L, 3L, 4L));
    assertThat(Ledger.timesApplied(store()).values()).containsOnly(1L);
    assertThat(Ledger.totals(store())).isEqualTo(Ledger.replay(store())).containsEntry("a", 100L);
  }
}
