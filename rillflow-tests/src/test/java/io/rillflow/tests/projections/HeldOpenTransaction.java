package io.rillflow.tests.projections;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A transaction that has written (it has a transaction id) and stays open until closed: what holds
 * PostgreSQL's own xmin back for every database of the server.
 */
final class HeldOpenTransaction implements AutoCloseable {
  private final Connection connection;
  final int pid;

  /** The write goes last, so that it is the session's query in {@code pg_stat_activity}. */
  private HeldOpenTransaction(Connection connection, String write) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
        row.next();
        pid = row.getInt(1);
      }
      statement.execute(write);
    }
  }

  private long xid() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_current_xact_id_if_assigned()::text::bigint")) {
      row.next();
      return row.getLong(1);
    }
  }

  /** Opens one on a connection of its own to {@code url}, writing with {@code write}. */
  static HeldOpenTransaction open(String url, String write) throws SQLException {
    return new HeldOpenTransaction(DriverManager.getConnection(url), write);
  }

  /** Opens one on {@code connection} (closed with it), writing with {@code write}. */
  static HeldOpenTransaction on(Connection connection, String write) throws SQLException {
    return new HeldOpenTransaction(connection, write);
  }

  /** Whether the server-wide xmin is held back by this transaction, as seen from {@code probe}. */
  boolean holdsBackTheServerXmin(Connection probe) throws SQLException {
    try (Statement statement = probe.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")) {
      row.next();
      return row.getLong(1) <= xid();
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
