package io.rillflow.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The event store's baseline: Rillflow's own statements on {@code rf_streams} / {@code rf_events},
 * written out by hand and run with plain JDBC and a Jackson reader and writer built once, on the
 * store's pool. An append is the one statement of Rillflow's {@code EventSql} (a CTE that takes the
 * transaction's ordering ticket, checks and bumps the stream row, then inserts every event from
 * three bound arrays), in auto-commit, so it is
 * its own transaction in one round trip; a stream read is the same {@code SELECT} with the same
 * columns, each row read into a small record. What remains between the two sides is Rillflow's code:
 * the type registry, the request and envelope objects, metadata handling, upcasting.
 */
public final class RawEvents {
  /** The event's stored type name and schema version, as {@code @Event} defaults them. */
  private static final String TYPE = "BenchItemAdded";
  private static final int SCHEMA_VERSION = 1;
  /** A stream read's columns as Rillflow reads them: no stream_id, which the caller gave. */
  private static final String STREAM_EVENT_COLUMNS = "seq_id, version, type, schema_version, data, "
      + "headers, causation_id, correlation_id, created_at, tx_id AS tx_number";

  private final DataSource dataSource;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final String appendNew;
  private final String appendExactly;
  private final String readStream;

  /** One stored event, as the baseline reads it. */
  public record RawEvent(String streamId, long version, long position, String type, int schemaVersion,
      BenchItemAdded data, String headers, String causationId, String correlationId, Instant createdAt, long txId) {}

  /**
   * @param dataSource the store's pool
   * @param schema the store's schema, a plain lower-case name
   * @param uuidStreamIds whether the store keeps stream ids as uuid (its statements cast the text then)
   */
  public RawEvents(DataSource dataSource, String schema, boolean uuidStreamIds) {
    String id = uuidStreamIds ? "CAST(? AS uuid)" : "?";
    this.dataSource = dataSource;
    this.reader = RawDocuments.mapper().readerFor(BenchItemAdded.class);
    this.writer = RawDocuments.mapper().writerFor(BenchItemAdded.class);
    String streams = "\"" + schema + "\".\"rf_streams\"";
    String events = "\"" + schema + "\".\"rf_events\"";
    String insertEvents = " e AS (INSERT INTO " + events + " (stream_id, version, type, schema_version, data, headers,"
        + " causation_id, correlation_id, idempotency_key, tx_id)"
        + " SELECT " + id + ", s.version - CAST(? AS bigint) + x.ord, x.type, x.schema_version, x.data::jsonb,"
        + " CAST(? AS jsonb), ?, ?, CASE WHEN x.ord = 1 THEN CAST(? AS text) END, t.ticket"
        + " FROM s CROSS JOIN t CROSS JOIN unnest(CAST(? AS text[]), CAST(? AS integer[]), CAST(? AS text[]))"
        + " WITH ORDINALITY AS x(type, schema_version, data, ord)"
        + " ORDER BY x.ord RETURNING seq_id)"
        + " SELECT (SELECT version FROM s), (SELECT max(seq_id) FROM e)";
    String ticket = "WITH t AS (SELECT \"" + schema + "\".rf_append_ticket() AS ticket),";
    this.appendNew = ticket + " s AS (INSERT INTO " + streams + " (stream_id, stream_type, version)"
        + " SELECT " + id + ", ?, CAST(? AS bigint) FROM t ON CONFLICT (stream_id) DO NOTHING RETURNING version),"
        + insertEvents;
    this.appendExactly = ticket + " s AS (UPDATE " + streams + " SET version = version + CAST(? AS bigint),"
        + " updated_at = now() FROM t WHERE stream_id = " + id + " AND version = ? AND NOT archived RETURNING version),"
        + insertEvents;
    this.readStream = "SELECT " + STREAM_EVENT_COLUMNS + " FROM " + events
        + " WHERE stream_id = " + id + " AND version BETWEEN ? AND ? ORDER BY version";
  }

  /**
   * Appends {@code events} to the stream, which must not exist yet (Rillflow's {@code noStream()}).
   *
   * @return the stream's new version
   */
  public long appendNew(String streamId, List<BenchItemAdded> events) throws SQLException, JsonProcessingException {
    return append(appendNew, streamId, 0, events);
  }

  /**
   * Appends {@code events} to the stream, which must be at {@code expected} (Rillflow's
   * {@code exactly(expected)}; 0 means no stream).
   *
   * @return the stream's new version
   */
  public long append(String streamId, long expected, List<BenchItemAdded> events)
      throws SQLException, JsonProcessingException {
    return expected == 0 ? append(appendNew, streamId, 0, events) : append(appendExactly, streamId, expected, events);
  }

  private long append(String sql, String streamId, long expected, List<BenchItemAdded> events)
      throws SQLException, JsonProcessingException {
    int count = events.size();
    String[] types = new String[count];
    Integer[] versions = new Integer[count];
    String[] data = new String[count];
    for (int i = 0; i < count; i++) {
      types[i] = TYPE;
      versions[i] = SCHEMA_VERSION;
      data[i] = writer.writeValueAsString(events.get(i));
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      int i = 1;
      if (sql == appendNew) {
        statement.setString(i++, streamId);
        statement.setString(i++, null);
        statement.setLong(i++, count);
      } else {
        statement.setLong(i++, count);
        statement.setString(i++, streamId);
        statement.setLong(i++, expected);
      }
      statement.setString(i++, streamId);
      statement.setLong(i++, count);
      statement.setString(i++, null);
      statement.setString(i++, null);
      statement.setString(i++, null);
      statement.setString(i++, null);
      statement.setArray(i++, connection.createArrayOf("text", types));
      statement.setArray(i++, connection.createArrayOf("int4", versions));
      statement.setArray(i, connection.createArrayOf("text", data));
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        long version = row.getLong(1);
        if (row.wasNull()) {
          throw new ConcurrentModificationException("stream " + streamId + " is not at version " + expected);
        }
        return version;
      }
    }
  }

  /** Every event of the stream in version order, in auto-commit. */
  public List<RawEvent> readStream(String streamId) throws SQLException, JsonProcessingException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(readStream)) {
      statement.setString(1, streamId);
      statement.setLong(2, 1);
      statement.setLong(3, Long.MAX_VALUE);
      List<RawEvent> read = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          read.add(new RawEvent(streamId, rows.getLong(2), rows.getLong(1), rows.getString(3), rows.getInt(4),
              reader.readValue(rows.getString(5)), rows.getString(6), rows.getString(7), rows.getString(8),
              rows.getObject(9, OffsetDateTime.class).toInstant(), rows.getLong(10)));
        }
      }
      return read;
    }
  }
}
