package io.rillflow.tests.failures;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentSession;
import io.rillflow.RillflowException;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KilledBackendTest extends RillflowTestBase {

  @Test
  void aBackendTheServerTerminatesMidSaveChangesIsReportedWithTheServersReasonAndSqlState() throws Exception {
    Parcel locked = new Parcel(UUID.randomUUID(), "locked", 1);
    try (DocumentSession session = store().lightweightSession()) {
      session.store(locked);
      session.saveChanges();
    }
    String table = "\"" + store().schemaName() + "\".doc_parcel";
    try (Connection holder = store().dataSource().getConnection()) {
      holder.setAutoCommit(false);
      try (Statement statement = holder.createStatement()) {
        statement.execute("SELECT 1 FROM " + table + " WHERE id = '" + locked.id() + "' FOR UPDATE");
      }
      // Two writes: a transaction, which waits on the row lock at its second statement.
      CompletableFuture<Void> save = CompletableFuture.runAsync(() -> {
        try (DocumentSession session = store().lightweightSession()) {
          session.store(new Parcel(UUID.randomUUID(), "new", 2));
          session.update(new Parcel(locked.id(), "changed", 3));
          session.saveChanges();
        }
      });
      terminateTheBackendWaitingOn(table);
      Throwable failure = null;
      try {
        save.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      holder.rollback();

      assertThat(failure).isInstanceOf(RillflowException.class)
          .hasMessageContaining("terminating connection due to administrator command");
      assertThat(failure.getCause()).isInstanceOf(SQLException.class);
      assertThat(((SQLException) failure.getCause()).getSQLState()).isEqualTo("57P01");
    }
    assertThat(store().querySession().query(Parcel.class).count()).as("nothing written").isEqualTo(1);
  }

  private void terminateTheBackendWaitingOn(String table) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (Connection admin = store().dataSource().getConnection();
        PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE wait_event_type = 'Lock' AND datname = current_database() AND query LIKE ?")) {
      kill.setString(1, "UPDATE " + table.replace(".doc_parcel", ".\"doc_parcel\"") + "%");
      while (System.nanoTime() < deadline) {
        try (ResultSet killed = kill.executeQuery()) {
          if (killed.next()) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("No saveChanges() came to wait on the row lock within 30 s");
  }
}
