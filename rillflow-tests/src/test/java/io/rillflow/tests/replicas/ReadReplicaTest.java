package io.rillflow.tests.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.PoolOptions;
import io.rillflow.QuerySession;
import io.rillflow.RillflowException;
import io.rillflow.test.ReplicatedPair;
import io.rillflow.test.TestSchema;
import io.rillflow.test.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Query sessions read from a streaming replica the test started; everything else stays on the
 * primary.
 */
class ReadReplicaTest {
  /** Short, so that a replica that is down fails a query session within the test's patience. */
  private static final Duration REPLICA_WAIT = Duration.ofSeconds(2);

  private static ReplicatedPair pair;
  private static TestSchema schema;
  private static DocumentStore store;

  @BeforeAll
  static void startStoreWithReplica() {
    pair = TestServers.replicatedPair();
    schema = TestSchema.create(pair.primary().database(), ReadReplicaTest.class);
    store = schema.storeBuilder()
        .readReplica(pair.replica().jdbcUrl())
        .replicaPool(PoolOptions.defaults().maximumSize(2).minimumIdle(0).connectionTimeout(REPLICA_WAIT))
        .build();
    pair.awaitReplay();
  }

  @AfterAll
  static void closeStore() {
    if (store != null) {
      store.close();
    }
    if (schema != null) {
      schema.drop();
    }
  }

  @Test
  void aQuerySessionReadsWhatTheReplicaHasReplayedNotWhatThePrimaryHasNow() throws SQLException {
    UUID id = UUID.randomUUID();
    save(new Shelf(id, "replayed"));
    pair.awaitReplay();

    try (Connection replica = pair.replica().connect(); Statement replay = replica.createStatement()) {
      replay.execute("SELECT pg_wal_replay_pause()");
      try {
        save(new Shelf(id, "only on the primary"));

        try (QuerySession query = store.querySession()) {
          assertThat(query.load(Shelf.class, id)).map(Shelf::label).contains("replayed");
          assertThat(query.query(Shelf.class).list()).filteredOn(shelf -> shelf.id().equals(id))
              .extracting(Shelf::label).containsExactly("replayed");
        }
        try (DocumentSession session = store.openSession()) {
          assertThat(session.load(Shelf.class, id)).as("a writing session reads the primary")
              .map(Shelf::label).contains("only on the primary");
        }
      } finally {
        replay.execute("SELECT pg_wal_replay_resume()");
      }
    }
    pair.awaitReplay();
    try (QuerySession query = store.querySession()) {
      assertThat(query.load(Shelf.class, id)).map(Shelf::label).contains("only on the primary");
    }
  }

  @Test
  void theReplicaDownFailsQuerySessionsNamingItWhileWritesGoOn() {
    UUID id = UUID.randomUUID();
    pair.replica().kill();
    try {
      assertThatThrownBy(() -> {
        try (QuerySession query = store.querySession()) {
          query.load(Shelf.class, id);
        }
      }).isInstanceOf(RillflowException.class)
          .hasMessageContaining("on the read replica jdbc:postgresql://localhost:" + pair.replica().port() + "/");

      save(new Shelf(id, "written while the replica is down"));
      try (DocumentSession session = store.openSession()) {
        assertThat(session.load(Shelf.class, id)).isPresent();
      }
    } finally {
      pair.replica().start();
    }
    pair.awaitReplay();
    try (QuerySession query = store.querySession()) {
      assertThat(query.load(Shelf.class, id)).as("the restarted replica caught up and serves again")
          .map(Shelf::label).contains("written while the replica is down");
    }
  }

  @Test
  void aStoreStartsWhileItsReplicaIsDown() {
    pair.replica().stop();
    try (DocumentStore started = schema.storeBuilder()
        .readReplica(pair.replica().jdbcUrl())
        .replicaPool(PoolOptions.defaults().maximumSize(1).minimumIdle(0).connectionTimeout(REPLICA_WAIT))
        .build()) {
      save(started, new Shelf(UUID.randomUUID(), "primary only"));
      assertThatThrownBy(() -> started.querySession().query(Shelf.class).count())
          .isInstanceOf(RillflowException.class)
          .hasMessageContaining("on the read replica jdbc:postgresql://localhost:" + pair.replica().port() + "/");
    } finally {
      pair.replica().start();
    }
  }

  @Test
  void theReplicasPoolReplacesConnectionsTheReplicaTerminated() throws SQLException {
    UUID id = UUID.randomUUID();
    save(new Shelf(id, "kept"));
    pair.awaitReplay();
    try (QuerySession query = store.querySession()) {
      assertThat(query.load(Shelf.class, id)).isPresent();
    }
    int terminated;
    try (Connection replica = pair.replica().connect(); Statement statement = replica.createStatement();
        ResultSet killed = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
      killed.next();
      terminated = killed.getInt(1);
    }
    assertThat(terminated).as("the replica pool's idle connection was terminated").isPositive();

    // A connection cut while idle in the pool may fail the one read that takes it (HikariCP checks
    // a connection before handing it out only when it sat idle for 500 ms); the pool then drops it,
    // and the next read runs on a new connection.
    List<String> failures = new ArrayList<>();
    Optional<Shelf> read = Optional.empty();
    for (int attempt = 0; attempt < 2 && read.isEmpty(); attempt++) {
      try (QuerySession query = store.querySession()) {
        read = query.load(Shelf.class, id);
      } catch (RillflowException e) {
        failures.add(e.getMessage());
      }
    }
    assertThat(read).map(Shelf::label).contains("kept");
    assertThat(failures).allSatisfy(failure -> assertThat(failure).contains("on the read replica"));
  }

  @Test
  void aFrozenReplicaFailsQuerySessionsWithinTheirTimeoutsNamingIt() {
    UUID id = UUID.randomUUID();
    try (DocumentStore bounded = schema.storeBuilder()
        // A frozen server accepts connections and then answers nothing: the pool's connection timeout
        // bounds getting a connection, and pgjdbc's socketTimeout a statement sent on one it had.
        .readReplica(pair.replica().jdbcUrl() + "&socketTimeout=" + REPLICA_WAIT.toSeconds())
        .replicaPool(PoolOptions.defaults().maximumSize(1).minimumIdle(0).connectionTimeout(REPLICA_WAIT))
        .build()) {
      pair.replica().freeze();
      try {
        long started = System.nanoTime();
        assertThatThrownBy(() -> {
          try (QuerySession query = bounded.querySession()) {
            query.load(Shelf.class, id);
          }
        }).isInstanceOf(RillflowException.class)
            .hasMessageContaining("on the read replica jdbc:postgresql://localhost:" + pair.replica().port() + "/");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).as("bounded by the timeouts, with room for a loaded machine")
            .isLessThan(REPLICA_WAIT.multipliedBy(10));

        save(bounded, new Shelf(id, "written while the replica is frozen"));
        try (DocumentSession session = bounded.openSession()) {
          assertThat(session.load(Shelf.class, id)).isPresent();
        }
      } finally {
        pair.replica().thaw();
      }
      pair.awaitReplay();
      try (QuerySession query = bounded.querySession()) {
        assertThat(query.load(Shelf.class, id)).as("the thawed replica serves again").isPresent();
      }
    }
  }

  @Test
  void queryingSessionsRacingForASmallReplicaPoolAllRead() throws Exception {
    UUID id = UUID.randomUUID();
    save(new Shelf(id, "shared"));
    pair.awaitReplay();
    ExecutorService readers = Executors.newFixedThreadPool(6);
    try {
      List<Future<Optional<Shelf>>> reads = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        reads.add(readers.submit(() -> {
          try (QuerySession query = store.querySession()) {
            return query.load(Shelf.class, id);
          }
        }));
      }
      for (Future<Optional<Shelf>> read : reads) {
        assertThat(read.get(2, TimeUnit.MINUTES)).map(Shelf::label).contains("shared");
      }
    } finally {
      readers.shutdownNow();
    }
  }

  private static void save(Shelf shelf) {
    save(store, shelf);
  }

  private static void save(DocumentStore target, Shelf shelf) {
    try (DocumentSession session = target.lightweightSession()) {
      session.store(shelf);
      session.saveChanges();
    }
  }
}
