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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
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
          assertThat(query.query(Shelf.class).list()).extracting(Shelf::label).containsExactly("replayed");
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
          .hasMessageContaining("The read replica jdbc:postgresql://localhost:" + pair.replica().port())
          .hasMessageContaining("is unavailable");

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
          .hasMessageContaining("read replica");
    } finally {
      pair.replica().start();
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
