package io.rillflow.tests.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.QuerySession;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The connections a store takes from its replica are read-only: proven on a "replica" that is in
 * fact a writable server, so that only the store's own marking can refuse the write.
 */
class ReplicaConnectionsTest {
  private TestSchema schema;

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      schema.drop();
    }
  }

  @Test
  void aReplicaConnectionRefusesWritesEvenOnAWritableServer() throws SQLException {
    TestDatabase database = TestDatabase.shared();
    schema = TestSchema.create(database, ReplicaConnectionsTest.class);
    RecordingDataSource replica = new RecordingDataSource();
    replica.setUrl(database.jdbcUrl());
    if (database.username() != null) {
      replica.setUser(database.username());
    }
    if (database.password() != null) {
      replica.setPassword(database.password());
    }
    try (DocumentStore store = schema.storeBuilder().readReplica(replica).build()) {
      UUID id = UUID.randomUUID();
      try (DocumentSession session = store.lightweightSession()) {
        session.store(new Shelf(id, "on the primary"));
        session.saveChanges();
      }
      assertThat(replica.handedOut).as("writing sessions never take a replica connection").isEmpty();

      // A stream holds its connection until closed: the one the query session read on.
      try (QuerySession query = store.querySession(); Stream<Shelf> shelves = query.query(Shelf.class).stream()) {
        assertThat(shelves.iterator().next().label()).isEqualTo("on the primary");
        Connection used = replica.handedOut.get(replica.handedOut.size() - 1);
        assertThat(used.isReadOnly()).isTrue();
        try (Statement write = used.createStatement()) {
          assertThatThrownBy(() -> write.execute(
              "DELETE FROM \"" + schema.name() + "\".doc_shelf"))
              .isInstanceOf(SQLException.class)
              .hasMessageContaining("read-only transaction");
        }
      }
    }
  }

  /** A real pgjdbc data source that remembers the connections it made. */
  static final class RecordingDataSource extends PGSimpleDataSource {
    private static final long serialVersionUID = 1L;
    final transient List<Connection> handedOut = new CopyOnWriteArrayList<>();

    @Override
    public Connection getConnection() throws SQLException {
      Connection connection = super.getConnection();
      handedOut.add(connection);
      return connection;
    }
  }
}
