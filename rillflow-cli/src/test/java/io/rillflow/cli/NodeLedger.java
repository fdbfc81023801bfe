package io.rillflow.cli;

import io.rillflow.DocumentStore;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw read model that proves who applied what: one row per (projection, event position) with the
 * node that applied it and how many times it was committed ({@code times} must end at 1; a batch
 * committed by two nodes would raise it, since a rolled-back batch leaves nothing). Slow on purpose
 * ({@code millisPerEvent}), so a kill or a stop lands inside a batch.
 */
final class NodeLedger implements Projection {
  static final String TABLE = "node_ledger";
  private final String node;
  private final long millisPerEvent;

  NodeLedger(String node, long millisPerEvent) {
    this.node = node;
    this.millisPerEvent = millisPerEvent;
  }

  static void createTable(DocumentStore store) {
    execute(store, "CREATE TABLE IF NOT EXISTS \"" + store.schemaName() + "\"." + TABLE
        + " (projection text NOT NULL, position bigint NOT NULL, node text NOT NULL, times int NOT NULL,"
        + " PRIMARY KEY (projection, position))");
  }

  @Override
  public void apply(EventEnvelope<?> event, ProjectionContext context) throws SQLException {
    try (PreparedStatement insert = context.connection().prepareStatement("INSERT INTO \"" + context.schemaName()
        + "\"." + TABLE + " AS l (projection, position, node, times) VALUES (?, ?, ?, 1)"
        + " ON CONFLICT (projection, position) DO UPDATE SET times = l.times + 1, node = excluded.node")) {
      insert.setString(1, context.projectionName());
      insert.setLong(2, event.position());
      insert.setString(3, node);
      insert.executeUpdate();
    }
    if (millisPerEvent > 0) {
      try {
        Thread.sleep(millisPerEvent);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void clear(ProjectionContext context) throws SQLException {
    try (Statement statement = context.connection().createStatement()) {
      statement.execute("DELETE FROM \"" + context.schemaName() + "\"." + TABLE);
    }
  }

  /** A row of the ledger. */
  record Applied(String projection, long position, String node, int times) {}

  static List<Applied> rows(DocumentStore store) {
    return rows(store, "true");
  }

  /** The rows that {@code condition} (SQL over the ledger's columns) keeps. */
  static List<Applied> rows(DocumentStore store, String condition) {
    List<Applied> rows = new ArrayList<>();
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT projection, position, node, times FROM \""
            + store.schemaName() + "\"." + TABLE + " WHERE " + condition + " ORDER BY projection, position")) {
      while (row.next()) {
        rows.add(new Applied(row.getString(1), row.getLong(2), row.getString(3), row.getInt(4)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  static long count(DocumentStore store, String sql) {
    try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void execute(DocumentStore store, String sql) {
    try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
