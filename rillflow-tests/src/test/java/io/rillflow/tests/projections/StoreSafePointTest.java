package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.ProjectionStatus;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The safe point is the store's: a writing transaction that never appends to this store's events
 * (in another database, or in this one on other tables) does not hold its daemon back, while one
 * that appended and stays open does, and {@code status()} names it.
 */
class StoreSafePointTest extends RillflowTestBase {
  private static final Duration POLL = Duration.ofSeconds(2);
  private static final int EVENTS = 10;

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, new Ledger())
        .projectionOptions(ProjectionOptions.defaults().batchSize(100).pollInterval(POLL));
  }

  @BeforeEach
  void tables() {
    Ledger.createTables(store());
    Ledger.execute(store(), "CREATE TABLE IF NOT EXISTS \"" + store().schemaName() + "\".unrelated (x int)");
  }

  @AfterEach
  void stopDaemon() {
    store().projections().daemon().stop();
  }

  @Test
  void aWritingTransactionOpenInAnotherDatabaseDoesNotHoldTheDaemonBack() throws Exception {
    String database = "rf_other_" + Long.toHexString(System.nanoTime());
    Ledger.execute(store(), "CREATE DATABASE " + database);
    try {
      try (HeldOpenTransaction other = HeldOpenTransaction.open(urlOf(database),
          "CREATE TABLE held (x int); INSERT INTO held VALUES (1)")) {
        assertAppliedWithinThePollInterval(other);
      }
    } finally {
      Ledger.execute(store(), "DROP DATABASE " + database);
    }
  }

  @Test
  void aWritingTransactionOpenInThisDatabaseThatDoesNotAppendDoesNotHoldTheDaemonBack() throws Exception {
    try (HeldOpenTransaction other = HeldOpenTransaction.on(store().dataSource().getConnection(),
        "INSERT INTO \"" + store().schemaName() + "\".unrelated VALUES (1)")) {
      assertAppliedWithinThePollInterval(other);
    }
  }

  @Test
  void anAppenderLeftOpenHoldsTheDaemonBackAndStatusNamesIt() throws Exception {
    ProjectionDaemon daemon = store().projections().daemon();
    daemon.start();
    Await.until("the daemon holds the projection", Duration.ofSeconds(10), () -> daemon.status().get(0).ownedHere());
    try (Connection connection = store().dataSource().getConnection()) {
      try (HeldOpenTransaction appender = HeldOpenTransaction.on(connection, "INSERT INTO \"" + store().schemaName()
          + "\".rf_events (stream_id, version, type, schema_version, data)"
          + " VALUES ('open', 1, 'Tick', 1, '{\"key\": \"open\", \"amount\": 1}')")) {
        store().events().append("after", ExpectedVersion.noStream(), new Tick("after", 2));
        Await.until("status names the open appender", Duration.ofSeconds(15),
            () -> daemon.status().get(0).heldBackBy() != null);
        ProjectionStatus status = daemon.status().get(0);
        assertThat(status.heldBackBy()).contains("pid " + appender.pid)
            .contains("database " + currentDatabase()).contains("open ").contains("rf_events");
        assertThat(daemon.runUntilIdle()).as("nothing passes the open appender").isZero();
        assertThat(Ledger.applied(store())).isZero();
      }
    }
    Await.until("the later event applied once the appender rolled back", Duration.ofSeconds(30),
        () -> Ledger.applied(store()) == 1);
    assertThat(Ledger.totals(store())).containsExactly(java.util.Map.entry("after", 2L));
    Await.until("nothing holds the safe point back any more", Duration.ofSeconds(10),
        () -> store().projections().daemon().status().get(0).heldBackBy() == null);
  }

  /**
   * With the daemon idle and the transaction open, appends events and expects them applied within
   * the poll interval (the daemon is woken by the append's NOTIFY; the interval is the bound).
   */
  private void assertAppliedWithinThePollInterval(HeldOpenTransaction other) throws SQLException {
    try (Connection probe = store().dataSource().getConnection()) {
      assertThat(other.holdsBackTheServerXmin(probe)).as("the premise: the server's xmin is held back").isTrue();
    }
    ProjectionDaemon daemon = store().projections().daemon();
    daemon.start();
    Await.until("the daemon holds the projection", Duration.ofSeconds(10), () -> daemon.status().get(0).ownedHere());
    long start = System.nanoTime();
    for (int i = 0; i < EVENTS; i++) {
      store().events().append("s" + i, ExpectedVersion.noStream(), new Tick("k", i));
    }
    Await.until(EVENTS + " events applied", Duration.ofSeconds(30), () -> Ledger.applied(store()) == EVENTS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("Applied " + EVENTS + " events in " + millis + " ms with a writing transaction open elsewhere");
    assertThat(millis).as("applied within the poll interval").isLessThan(POLL.toMillis());
    try (Connection probe = store().dataSource().getConnection()) {
      assertThat(other.holdsBackTheServerXmin(probe)).as("still open all along").isTrue();
    }
  }

  private String currentDatabase() throws SQLException {
    try (Connection connection = store().dataSource().getConnection();
        Statement statement = connection.createStatement();
        var row = statement.executeQuery("SELECT current_database()")) {
      row.next();
      return row.getString(1);
    }
  }

  /** This test's server, another database: the same URL with another path, and the same user. */
  private String urlOf(String database) throws SQLException {
    String url = System.getenv("RILLFLOW_TEST_DATABASE_URL");
    try (Connection connection = store().dataSource().getConnection()) {
      if (url == null) {
        url = connection.getMetaData().getURL();
        url += (url.contains("?") ? "&" : "?") + "user=" + connection.getMetaData().getUserName();
      }
    }
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
  }
}
