package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.test.TestServer;
import io.rillflow.test.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The daemon's batches commit without waiting for the WAL flush, on a server of their own whose commits
 * are otherwise synchronous: only the batch transactions run so (appends and the pool's connections
 * keep the server's setting), and a server killed ({@code SIGKILL} to every server process, crash
 * recovery on restart) right after a catch-up may lose its last batches, but each read model only with
 * its checkpoint, so the projection applies them again, each event once.
 */
class AsyncBatchCommitTest {
  private static final TestServer SERVER = TestServers.extra("daemon-crash");
  private static final int EVENTS = 600;

  private static DocumentStore store(String schema, Projection projection) {
    return DocumentStore.builder().url(SERVER.jdbcUrl()).schema(schema).readModels(false)
        .projection(Ledger.NAME, ProjectionLifecycle.ASYNC, projection)
        .projectionOptions(ProjectionOptions.defaults().batchSize(5).leaseDuration(Duration.ofSeconds(5))).build();
  }

  private static DocumentStore store() {
    return store("daemon_crash", new Ledger());
  }

  private static void append(DocumentStore store, int events) {
    for (int i = 0; i < events; i += 10) {
      Object[] ticks = new Object[10];
      for (int j = 0; j < 10; j++) {
        ticks[j] = new Tick("k" + (j % 3), 1);
      }
      store.events().append("s" + i, ExpectedVersion.noStream(), ticks);
    }
    Ledger.awaitReadable(store, events);
  }

  private static String synchronousCommit(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT current_setting('synchronous_commit')")) {
      row.next();
      return row.getString(1);
    }
  }

  @Test
  void onlyTheBatchTransactionsCommitAsynchronously() throws Exception {
    SERVER.start();
    List<String> seenInBatches = new CopyOnWriteArrayList<>();
    Projection observer = (event, context) -> seenInBatches.add(synchronousCommit(context.connection()));
    try (DocumentStore store = store("daemon_commit", observer)) {
      String server;
      try (Connection connection = store.dataSource().getConnection()) {
        server = synchronousCommit(connection);
      }
      assertThat(server).as("this server's own setting").isEqualTo("on");
      append(store, 20);

      assertThat(store.projections().daemon().runUntilIdle()).isEqualTo(20);

      assertThat(seenInBatches).hasSize(20).containsOnly("off");
      for (int i = 0; i < 5; i++) {
        try (Connection connection = store.dataSource().getConnection()) {
          assertThat(synchronousCommit(connection)).as("a pooled connection after the batches").isEqualTo("on");
        }
      }
    }
  }

  @Test
  void aServerKilledRightAfterACatchUpLosesBatchesOnlyWithTheirCheckpointsAndTheyAreAppliedAgain() {
    SERVER.start();
    DocumentStore before = store();
    Ledger.createTables(before);
    append(before, EVENTS);
    assertThat(before.projections().daemon().runUntilIdle()).isEqualTo(EVENTS);
    // Nothing may commit synchronously after the last batch (that would flush the batches' WAL too).
    SERVER.kill();
    SERVER.start();
    try {
      before.close();
    } catch (RuntimeException expected) {
      // its leases cannot be released on a server that was killed under it
    }

    try (DocumentStore after = store()) {
      long checkpoint = status(after).checkpoint().position();
      Map<String, Long> applied = Ledger.timesApplied(after);
      System.out.println("after the crash: checkpoint at " + checkpoint + " of " + EVENTS + " events");
      // allMatch, not containsOnly: a crash may lose every batch with its checkpoint, leaving none applied.
      assertThat(applied.values()).as("each event at most once").allMatch(times -> times == 1L);
      assertThat(applied).as("exactly the events up to the surviving checkpoint").hasSize((int) checkpoint);
      assertThat(applied.keySet().stream().mapToLong(Long::parseLong).max().orElse(0)).isEqualTo(checkpoint);

      assertThat(after.projections().daemon().runUntilIdle()).isEqualTo(EVENTS - checkpoint);
      assertThat(Ledger.timesApplied(after)).hasSize(EVENTS).allSatisfy((position, times) -> assertThat(times)
          .isEqualTo(1L));
      assertThat(Ledger.totals(after)).isEqualTo(Ledger.replay(after));
    }
  }

  private static ProjectionStatus status(DocumentStore store) {
    return store.projections().daemon().status().get(0);
  }
}
