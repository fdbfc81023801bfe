package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The raw baseline of a DCB conditional append, by hand, in one transaction: the advisory lock of
 * the condition's key and the event's keys (Rillflow's lock statement), the check for matching events
 * after the checkpoint (the tag index), the stream row and the event, the event's tag rows, commit.
 */
final class RawConditionalAppends {
  private final DataSource dataSource;
  private final ObjectWriter writer = RawDocuments.mapper().writerFor(BenchSeatTaken.class);
  private final String lock = "SELECT count(CASE WHEN u.x THEN pg_advisory_xact_lock(1380730452, u.k)::text"
      + " ELSE pg_advisory_xact_lock_shared(1380730452, u.k)::text END)"
      + " FROM unnest(CAST(? AS int[]), CAST(? AS boolean[])) AS u(k, x)";
  private final String check;
  private final String insertStream;
  private final String insertEvent;
  private final String insertTags;

  RawConditionalAppends(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    String q = "\"" + schema + "\".";
    check = "SELECT seq_id FROM " + q + "rf_event_tags WHERE tag = ANY(CAST(? AS text[])) AND type = ANY(CAST(? AS text[]))"
        + " AND (tx_id, seq_id) > (CAST(CAST(? AS bigint) AS text)::xid8, ?) GROUP BY seq_id HAVING count(*) = 1 LIMIT 100";
    insertStream = "INSERT INTO " + q + "rf_streams (stream_id, version) VALUES (?, 1)";
    insertEvent = "INSERT INTO " + q + "rf_events (stream_id, version, type, schema_version, data)"
        + " VALUES (?, 1, 'BenchSeatTaken', 1, CAST(? AS jsonb)) RETURNING seq_id, tx_id";
    insertTags = "INSERT INTO " + q + "rf_event_tags (seq_id, tag, type, tx_id)"
        + " SELECT ?, t, 'BenchSeatTaken', CAST(? AS xid8) FROM unnest(CAST(? AS text[])) AS t";
  }

  /** Appends {@code event} as stream {@code streamId} unless an event tagged with its show exists. */
  long append(String streamId, BenchSeatTaken event) throws Exception {
    String show = "show:" + event.show();
    String[] tags = {show, "seat:" + event.seat()};
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement statement = connection.prepareStatement(lock)) {
          statement.setArray(1, connection.createArrayOf("int4",
              new Integer[] {show.hashCode(), ("*" + show).hashCode(), tags[1].hashCode(), ("*" + tags[1]).hashCode()}));
          statement.setArray(2, connection.createArrayOf("bool", new Boolean[] {true, false, false, false}));
          statement.executeQuery().close();
        }
        try (PreparedStatement statement = connection.prepareStatement(check)) {
          statement.setArray(1, connection.createArrayOf("text", new String[] {show}));
          statement.setArray(2, connection.createArrayOf("text", new String[] {"BenchSeatTaken"}));
          statement.setLong(3, 0);
          statement.setLong(4, 0);
          try (ResultSet rows = statement.executeQuery()) {
            if (rows.next()) {
              throw new IllegalStateException("condition failed at " + rows.getLong(1));
            }
          }
        }
        try (PreparedStatement statement = connection.prepareStatement(insertStream)) {
          statement.setString(1, streamId);
          statement.executeUpdate();
        }
        long seq;
        String tx;
        try (PreparedStatement statement = connection.prepareStatement(insertEvent)) {
          statement.setString(1, streamId);
          statement.setString(2, writer.writeValueAsString(event));
          try (ResultSet row = statement.executeQuery()) {
            row.next();
            seq = row.getLong(1);
            tx = row.getString(2);
          }
        }
        try (PreparedStatement statement = connection.prepareStatement(insertTags)) {
          statement.setLong(1, seq);
          statement.setString(2, tx);
          statement.setArray(3, connection.createArrayOf("text", tags));
          statement.executeUpdate();
        }
        connection.commit();
        return seq;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }
}
