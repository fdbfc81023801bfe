package io.rillflow.tests.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.RillflowException;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.documents.Ticket;
import io.rillflow.tests.projections.StreamTotal;
import io.rillflow.tests.projections.Tick;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session opened on the caller's connection joins the caller's transaction: documents, events
 * and inline read models commit or roll back with the caller's own rows, and nothing here commits
 * or closes the connection.
 */
class JoinedTransactionTest extends RillflowTestBase {

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).projection("running-totals", ProjectionLifecycle.INLINE, new RunningTotals());
  }

  @BeforeEach
  void userTable() throws SQLException {
    try (Connection c = store().dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + store().schemaName() + ".audit (note text)");
      s.execute("TRUNCATE " + store().schemaName() + ".audit");
    }
  }

  private void writeEverything(Connection connection, String stream) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("INSERT INTO " + store().schemaName() + ".audit VALUES ('placed " + stream + "')");
    }
    try (DocumentSession session = store().openSession(connection)) {
      session.store(new Ticket(7, "joined", 0));
      session.events().append(stream, ExpectedVersion.noStream(), new Tick(stream, 5), new Tick(stream, 6));
      session.saveChanges();
      // The session reads in the joined transaction: it sees what it wrote before the commit.
      assertThat(store().querySession().load(Ticket.class, 7)).isEmpty();
      try (DocumentSession reader = store().lightweightSession(connection)) {
        assertThat(reader.load(StreamTotal.class, stream)).contains(new StreamTotal(stream, 11, 2));
        assertThat(reader.load(Ticket.class, 7)).contains(new Ticket(7, "joined", 1));
      }
    }
    assertThat(connection.isClosed()).isFalse();
    assertThat(connection.getAutoCommit()).isFalse();
  }

  private long auditRows() throws SQLException {
    try (Connection c = store().dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM " + store().schemaName() + ".audit")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void documentsEventsAndInlineReadModelsCommitWithTheCallersRows() throws SQLException {
    try (Connection connection = store().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      writeEverything(connection, "order-1");
      assertThat(auditRows()).isZero();
      assertThat(store().events().readStream("order-1")).isEmpty();
      connection.commit();
      connection.setAutoCommit(true);
    }
    assertThat(auditRows()).isEqualTo(1);
    assertThat(store().querySession().load(Ticket.class, 7)).contains(new Ticket(7, "joined", 1));
    assertThat(store().events().readStream("order-1")).hasSize(2);
    assertThat(store().querySession().load(StreamTotal.class, "order-1")).contains(new StreamTotal("order-1", 11, 2));
  }

  @Test
  void aRollbackByTheCallerUndoesDocumentsEventsAndReadModels() throws SQLException {
    try (Connection connection = store().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      writeEverything(connection, "order-2");
      connection.rollback();
      connection.setAutoCommit(true);
    }
    assertThat(auditRows()).isZero();
    assertThat(store().querySession().load(Ticket.class, 7)).isEmpty();
    assertThat(store().events().readStream("order-2")).isEmpty();
    assertThat(store().querySession().load(StreamTotal.class, "order-2")).isEmpty();
  }

  @Test
  void aFailedSaveChangesLeavesTheCallerToRollBackEverything() throws SQLException {
    store().events().append("taken", ExpectedVersion.noStream(), new Tick("taken", 1));
    try (Connection connection = store().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (Statement s = connection.createStatement()) {
        s.execute("INSERT INTO " + store().schemaName() + ".audit VALUES ('before')");
      }
      try (DocumentSession session = store().openSession(connection)) {
        session.store(new Ticket(8, "lost", 0));
        session.events().append("taken", ExpectedVersion.noStream(), new Tick("taken", 2));
        assertThatThrownBy(session::saveChanges).isInstanceOf(ConcurrencyException.class);
      }
      assertThat(connection.isClosed()).isFalse();
      connection.rollback();
      connection.setAutoCommit(true);
    }
    assertThat(auditRows()).isZero();
    assertThat(store().querySession().load(Ticket.class, 8)).isEmpty();
    assertThat(store().events().readStream("taken")).hasSize(1);
  }

  @Test
  void onAnAutoCommitConnectionEachSaveChangesIsItsOwnTransaction() throws SQLException {
    try (Connection connection = store().dataSource().getConnection()) {
      assertThat(connection.getAutoCommit()).isTrue();
      try (DocumentSession session = store().openSession(connection)) {
        session.store(new Ticket(9, "alone", 0));
        session.events().append("auto", ExpectedVersion.noStream(), new Tick("auto", 3));
        session.saveChanges();
      }
      assertThat(connection.getAutoCommit()).isTrue();
      assertThat(connection.isClosed()).isFalse();
    }
    assertThat(store().querySession().load(Ticket.class, 9)).isPresent();
    assertThat(store().querySession().load(StreamTotal.class, "auto")).contains(new StreamTotal("auto", 3, 1));
  }

  @Test
  void aSecondSaveChangesRefusedInTheJoinedTransactionLeavesTheRollbackToTheCaller() throws SQLException {
    try (Connection connection = store().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (DocumentSession session = store().openSession(connection)) {
        session.events().append("bad", ExpectedVersion.noStream(), new Tick("bad", 1));
        session.store(new Ticket(10, "x", 0));
        session.saveChanges();
        // The same stream again at noStream: refused inside the caller's transaction.
        session.events().append("bad", ExpectedVersion.noStream(), new Tick("bad", 1));
        assertThatThrownBy(session::saveChanges).isInstanceOf(RillflowException.class);
      }
      connection.rollback();
      connection.setAutoCommit(true);
    }
    assertThat(store().events().readStream("bad")).isEmpty();
    assertThat(store().querySession().load(Ticket.class, 10)).isEmpty();
  }
}
