package io.rillflow.tests.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentStore;
import io.rillflow.PoolOptions;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.test.ReplicatedPair;
import io.rillflow.test.TestSchema;
import io.rillflow.test.TestServers;
import io.rillflow.tests.readmodels.Purchased;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code daemonReadsReplica}: the projection daemon reads its batches on a streaming replica only once
 * the replica has replayed past the safe point read on the primary; a lagging, stopped or frozen
 * replica makes it read on the primary (after the wait), never skip; checkpoints and read models stay
 * on the primary. Every event is applied exactly once ({@link ReplicaLedger}).
 */
class DaemonReplicaReadsTest {
  private static final Duration REPLICA_TIMEOUT = Duration.ofSeconds(2);

  private static ReplicatedPair pair;
  private static TestSchema schema;

  @BeforeAll
  static void start() {
    pair = TestServers.replicatedPair();
    schema = TestSchema.create(pair.primary().database(), DaemonReplicaReadsTest.class);
    try (DocumentStore setup = schema.storeBuilder().build()) {
      ReplicaLedger.createTable(setup);
    }
  }

  @AfterAll
  static void drop() {
    if (schema != null) {
      schema.drop();
    }
  }

  @BeforeEach
  void empty() {
    try (DocumentStore store = schema.storeBuilder().build()) {
      ReplicaLedger.execute(store, "TRUNCATE \"" + store.schemaName() + "\"." + ReplicaLedger.TABLE
          + ", \"" + store.schemaName() + "\".rf_events, \"" + store.schemaName() + "\".rf_streams CASCADE");
      ReplicaLedger.execute(store, "DELETE FROM \"" + store.schemaName() + "\".rf_projections");
    }
    pair.awaitReplay();
  }

  private static DocumentStore store(Duration wait, String replicaUrl) {
    return schema.storeBuilder()
        .readReplica(replicaUrl)
        .replicaPool(PoolOptions.defaults().maximumSize(2).minimumIdle(0).connectionTimeout(REPLICA_TIMEOUT))
        .daemonReadsReplica(wait)
        .readModels(false)
        .projectionOptions(ProjectionOptions.defaults().batchSize(25).pollInterval(Duration.ofMillis(50)))
        .projection("ledger", ProjectionLifecycle.ASYNC, new ReplicaLedger())
        .build();
  }

  private static DocumentStore store(Duration wait) {
    return store(wait, pair.replica().jdbcUrl());
  }

  @Test
  void aBatchIsReadOnTheReplicaOnlyOnceItHasReplayedPastTheSafePoint() throws Exception {
    try (DocumentStore store = store(Duration.ofSeconds(60))) {
      append(store, "order-1", 30);
      assertThat(store.projections().daemon().runUntilIdle()).isEqualTo(30);

      try (Connection replica = pair.replica().connect(); Statement replay = replica.createStatement()) {
        replay.execute("SELECT pg_wal_replay_pause()");
        CompletableFuture<Long> caughtUp;
        try {
          append(store, "order-2", 10);
          caughtUp = CompletableFuture.supplyAsync(() -> store.projections().daemon().runUntilIdle());
          Thread.sleep(1_500);
          assertThat(caughtUp).as("waits for the replica: the primary holds the events, the replica not yet")
              .isNotDone();
          assertThat(ReplicaLedger.applied(store)).hasSize(30);
          assertThat(store.events().readAll(Checkpoint.START, 100)).as("the application's reads stay on the primary")
              .hasSize(40);
        } finally {
          replay.execute("SELECT pg_wal_replay_resume()");
        }
        assertThat(caughtUp.get(60, TimeUnit.SECONDS)).isEqualTo(10);
      }
      assertThat(ReplicaLedger.applied(store)).isEqualTo(ReplicaLedger.appended(store));
    }
  }

  @Test
  void aLaggingReplicaIsWaitedForThenTheBatchIsReadOnThePrimary() throws Exception {
    try (DocumentStore store = store(Duration.ofMillis(200))) {
      append(store, "order-1", 5);
      try (Connection replica = pair.replica().connect(); Statement replay = replica.createStatement()) {
        replay.execute("SELECT pg_wal_replay_pause()");
        try {
          append(store, "order-2", 40);
          long started = System.nanoTime();
          assertThat(store.projections().daemon().runUntilIdle()).isEqualTo(45);
          assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one wait per read, not a stall")
              .isLessThan(Duration.ofSeconds(20));
        } finally {
          replay.execute("SELECT pg_wal_replay_resume()");
        }
      }
      pair.awaitReplay();
      append(store, "order-3", 5);
      assertThat(store.projections().daemon().runUntilIdle()).isEqualTo(5);
      assertThat(ReplicaLedger.applied(store)).isEqualTo(ReplicaLedger.appended(store));
    }
  }

  @Test
  void aStoppedReplicaSendsTheReadsToThePrimaryAndTheRestartedOneServesAgain() throws Exception {
    try (DocumentStore store = store(Duration.ofSeconds(1))) {
      append(store, "order-1", 10);
      assertThat(store.projections().daemon().runUntilIdle()).isEqualTo(10);
      pair.replica().stop();
      try {
        append(store, "order-2", 60);
        assertThat(store.projections().daemon().runUntilIdle()).isEqualTo(60);
      } finally {
        pair.replica().start();
      }
      pair.awaitReplay();
      append(store, "order-3", 10);
      assertThat(store.projections().daemon().runUntilIdle()).isEqualTo(10);
      assertThat(ReplicaLedger.applied(store)).isEqualTo(ReplicaLedger.appended(store));
    }
  }

  @Test
  void aFrozenReplicaCostsItsSocketTimeoutOnceThenTheReadsGoToThePrimary() throws Exception {
    try (DocumentStore store = store(Duration.ofSeconds(1),
        pair.replica().jdbcUrl() + "&socketTimeout=" + REPLICA_TIMEOUT.toSeconds())) {
      append(store, "order-1", 10);
      assertThat(store.projections().daemon().runUntilIdle()).isEqualTo(10);
      pair.replica().freeze();
      try {
        append(store, "order-2", 60);
        long started = System.nanoTime();
        assertThat(store.projections().daemon().runUntilIdle()).isEqualTo(60);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the replica is left alone after one timeout")
            .isLessThan(REPLICA_TIMEOUT.multipliedBy(5));
      } finally {
        pair.replica().thaw();
      }
      pair.awaitReplay();
      assertThat(ReplicaLedger.applied(store)).isEqualTo(ReplicaLedger.appended(store));
    }
  }

  @Test
  void concurrentAppendersAreAppliedExactlyOnceByARunningDaemonReadingTheReplica() throws Exception {
    try (DocumentStore store = store(Duration.ofMillis(500))) {
      store.projections().daemon().start();
      ExecutorService writers = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          String stream = "writer-" + w;
          done.add(writers.submit(() -> {
            for (int i = 0; i < 40; i++) {
              append(store, stream, 1 + i % 3);
            }
            return null;
          }));
        }
        for (Future<?> writer : done) {
          writer.get(120, TimeUnit.SECONDS);
        }
      } finally {
        writers.shutdownNow();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (ReplicaLedger.applied(store).size() < ReplicaLedger.appended(store).size()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      store.projections().daemon().stop();
      assertThat(ReplicaLedger.applied(store)).hasSize(4 * 79)
          .isEqualTo(ReplicaLedger.appended(store));
    }
  }

  @Test
  void theDaemonReadingAReplicaNeedsOne() {
    assertThatThrownBy(() -> schema.storeBuilder().daemonReadsReplica(Duration.ZERO).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("daemonReadsReplica(...) needs a readReplica(...)");
  }

  private static void append(DocumentStore store, String stream, int events) {
    List<Purchased> purchases = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      purchases.add(new Purchased("c", BigDecimal.ONE));
    }
    store.events().append(stream, ExpectedVersion.any(), AppendOptions.NONE, purchases);
  }
}
