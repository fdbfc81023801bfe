package io.rillflow.tests.replicas;

import io.rillflow.DocumentStore;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * A raw read model of what a projection applied: one row per event position with how many times it
 * was committed, so a test sees an event skipped (no row) or applied twice ({@code times} 2).
 */
final class ReplicaLedger implements Projection {
  static final String TABLE = "replica_ledger";

  static void createTable(DocumentStore store) {
    execute(store, "CREATE TABLE IF NOT EXISTS \"" + store.schemaName() + "\"." + TABLE
        + " (position bigint PRIMARY KEY, times int NOT NULL)");
  }

  @Override
  public void apply(EventEnvelope<?> event, ProjectionContext context) throws SQLException {
    try (PreparedStatement insert = context.connection().prepareStatement("INSERT INTO \"" + context.schemaName()
        + "\"." + TABLE + " AS l (position, times) VALUES (?, 1) ON CONFLICT (position) DO UPDATE SET times = l.times + 1")) {
      insert.setLong(1, event.position());
      insert.executeUpdate();
    }
  }

  @Override
  public void clear(ProjectionContext context) throws SQLException {
    try (Statement statement = context.connection().createStatement()) {
      statement.execute("DELETE FROM \"" + context.schemaName() + "\"." + TABLE);
    }
  }

  /** Position to times applied, read on the primary. */
  static Map<Long, Integer> applied(DocumentStore store) {
    return positions(store, "SELECT position, times FROM \"" + store.schemaName() + "\"." + TABLE);
  }

  /** Every event position of the store, each with 1, read on the primary: what {@link #applied} should equal. */
  static Map<Long, Integer> appended(DocumentStore store) {
    return positions(store, "SELECT seq_id, 1 FROM \"" + store.schemaName() + "\".rf_events");
  }

  private static Map<Long, Integer> positions(DocumentStore store, String sql) {
    Map<Long, Integer> rows = new TreeMap<>();
    try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      while (row.next()) {
        rows.put(row.getLong(1), row.getInt(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return rows;
  }

  static void execute(DocumentStore store, String sql) {
    try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
