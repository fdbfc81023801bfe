package io.rillflow.tests.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.PoolOptions;
import io.rillflow.QuerySession;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.test.TestDatabase;
import io.rillflow.tests.documents.Ticket;
import io.rillflow.tests.projections.Tick;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Closed sessions and stores refuse work in their own words; the pool a store opens takes its options. */
class LifecycleTest extends RillflowTestBase {

  @Test
  void aClosedSessionRefusesWorkAndWritesNothing() {
    DocumentSession session = store().openSession();
    session.close();
    assertThatThrownBy(() -> session.store(new Ticket(1, "late", 0)))
        .isInstanceOf(IllegalStateException.class).hasMessage("This session is closed; open a new one");
    assertThatThrownBy(session::saveChanges).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> session.load(Ticket.class, 1)).isInstanceOf(IllegalStateException.class);
    QuerySession reader = store().querySession();
    reader.close();
    assertThatThrownBy(() -> reader.query(Ticket.class).list()).isInstanceOf(IllegalStateException.class);
    assertThat(store().querySession().load(Ticket.class, 1)).isEmpty();
  }

  private DocumentStore storeFromUrl(PoolOptions pool) {
    TestDatabase database = TestDatabase.shared();
    var builder = DocumentStore.builder().url(database.jdbcUrl());
    if (database.username() != null) {
      builder.username(database.username());
    }
    if (database.password() != null) {
      builder.password(database.password());
    }
    return builder.schema(store().schemaName()).readModels(false).pool(pool).build();
  }

  @Test
  void aClosedStoreSaysSoForNewAndOpenSessions() {
    DocumentStore own = storeFromUrl(PoolOptions.defaults().maximumSize(2));
    DocumentSession open = own.lightweightSession();
    own.close();
    assertThatThrownBy(own::openSession).isInstanceOf(IllegalStateException.class).hasMessage("DocumentStore is closed");
    assertThatThrownBy(own::events).hasMessage("DocumentStore is closed");
    open.store(new Ticket(2, "after close", 0));
    assertThatThrownBy(open::saveChanges).isInstanceOf(IllegalStateException.class).hasMessage("DocumentStore is closed");
    assertThat(store().querySession().load(Ticket.class, 2)).isEmpty();
  }

  @Test
  void thePoolAStoreOpensTakesItsOptions() {
    try (DocumentStore own = storeFromUrl(PoolOptions.defaults().maximumSize(3).minimumIdle(1)
        .leakDetection(Duration.ofSeconds(5)).connectionTimeout(Duration.ofSeconds(2)))) {
      HikariDataSource pool = (HikariDataSource) own.dataSource();
      assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
      assertThat(pool.getMinimumIdle()).isEqualTo(1);
      assertThat(pool.getLeakDetectionThreshold()).isEqualTo(5_000);
      assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
      own.events().append("pooled", ExpectedVersion.noStream(), new Tick("pooled", 1));
      assertThat(store().events().readStream("pooled")).hasSize(1);
    }
  }
}
