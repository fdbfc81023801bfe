package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The catch-up benchmarks' raw baseline for reading the global order: the statements the daemon
 * sends (the store's safe point, then the events after a checkpoint and below it, in
 * {@code (tx_id, seq_id)} order), with only the columns a hand-written loop needs, each row's JSON
 * read by a Jackson reader built once.
 *
 * @param <E> the event class
 */
final class RawGlobalRead<E> {
  private final String sql;
  private final String safePointSql;
  private final String checkpointSql;
  private final ObjectReader reader;
  private long transactionId;
  private long position;

  RawGlobalRead(String schema, ObjectReader reader) {
    this.checkpointSql = "UPDATE \"" + schema + "\".rf_projections SET tx_id = ?, position = ? WHERE name = ?";
    this.sql = "SELECT seq_id, tx_id AS tx_number, data FROM \"" + schema + "\".rf_events"
        + " WHERE (tx_id, seq_id) > (CAST(CAST(? AS bigint) AS text)::xid8, ?)"
        + " AND tx_id < CAST(CAST(? AS bigint) AS text)::xid8 ORDER BY tx_id, seq_id LIMIT ?";
    this.safePointSql = "SELECT safe_point::text::bigint FROM \"" + schema + "\".rf_appenders() LIMIT 1";
    this.reader = reader;
  }

  /** The next batch after the last one read; empty at the end. */
  List<E> next(Connection connection, int limit) throws SQLException, IOException {
    List<E> batch = new ArrayList<>();
    long safePoint;
    try (PreparedStatement statement = connection.prepareStatement(safePointSql);
        ResultSet row = statement.executeQuery()) {
      row.next();
      safePoint = row.getLong(1);
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, transactionId);
      statement.setLong(2, position);
      statement.setLong(3, safePoint);
      statement.setInt(4, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          position = rows.getLong(1);
          transactionId = rows.getLong(2);
          batch.add(reader.readValue(rows.getString(3)));
        }
      }
    }
    return batch;
  }

  /** Writes the checkpoint after the last batch read to the projection's row, as the daemon does. */
  void writeCheckpoint(Connection connection, String projection) throws SQLException {
    try (PreparedStatement move = connection.prepareStatement(checkpointSql)) {
      move.setLong(1, transactionId);
      move.setLong(2, position);
      move.setString(3, projection);
      move.executeUpdate();
    }
  }
}
