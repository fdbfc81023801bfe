package io.rillflow.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The event store's other baseline: the simplest schema a developer would write by hand, one table
 * {@code simple_events (seq_id bigserial, stream_id text, version bigint, type text, data jsonb,
 * created_at timestamptz)} whose primary key {@code (stream_id, version)} is the expected-version
 * check, with plain JDBC and a Jackson reader and writer built once, on the store's pool. No stream
 * table, no transaction ordering ticket, no metadata: what Rillflow is measured against when the
 * question is "why not write it myself". {@link RawEvents} replays Rillflow's own statements instead.
 */
public final class SimpleEvents {
  private static final String TYPE = "BenchItemAdded";

  private final DataSource dataSource;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final String append;
  private final String readStream;

  /** One stored event as the baseline reads it: four columns. */
  public record SimpleEvent(long version, String type, BenchItemAdded data, OffsetDateTime createdAt) {}

  /**
   * Creates the table when it is missing.
   *
   * @param dataSource the store's pool
   * @param schema the store's schema, a plain lower-case name
   */
  public SimpleEvents(DataSource dataSource, String schema) throws SQLException {
    this(dataSource, schema, false);
  }

  /**
   * As {@link #SimpleEvents(DataSource, String)}, or with the stream id as {@code uuid} in a table of
   * its own, {@code simple_events_uuid}: what a developer whose streams are all UUIDs might write.
   */
  public SimpleEvents(DataSource dataSource, String schema, boolean uuidStreamIds) throws SQLException {
    this.dataSource = dataSource;
    this.reader = RawDocuments.mapper().readerFor(BenchItemAdded.class);
    this.writer = RawDocuments.mapper().writerFor(BenchItemAdded.class);
    String table = "\"" + schema + "\".simple_events" + (uuidStreamIds ? "_uuid" : "");
    String id = uuidStreamIds ? "CAST(? AS uuid)" : "?";
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (seq_id bigserial NOT NULL UNIQUE,"
          + " stream_id " + (uuidStreamIds ? "uuid" : "text") + " NOT NULL, version bigint NOT NULL, type text NOT NULL, data jsonb NOT NULL,"
          + " created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (stream_id, version))");
    }
    this.append = "INSERT INTO " + table + " (stream_id, version, type, data) VALUES (" + id + ", ?, ?, CAST(? AS jsonb))";
    this.readStream = "SELECT version, type, data, created_at FROM " + table + " WHERE stream_id = " + id + " ORDER BY version";
  }

  /**
   * Appends {@code events} after version {@code expected} (0: a new stream) in one transaction, one
   * batch; a stream that moved on fails on the primary key and writes nothing.
   */
  public void append(String streamId, long expected, List<BenchItemAdded> events)
      throws SQLException, JsonProcessingException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(append)) {
      if (events.size() == 1) {
        // One statement is its own transaction: no BEGIN and COMMIT to pay for.
        bind(statement, streamId, expected + 1, events.get(0));
        statement.executeUpdate();
        return;
      }
      connection.setAutoCommit(false);
      try {
        long version = expected;
        for (BenchItemAdded event : events) {
          bind(statement, streamId, ++version, event);
          statement.addBatch();
        }
        statement.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private void bind(PreparedStatement statement, String streamId, long version, BenchItemAdded event)
      throws SQLException, JsonProcessingException {
    statement.setString(1, streamId);
    statement.setLong(2, version);
    statement.setString(3, TYPE);
    statement.setString(4, writer.writeValueAsString(event));
  }

  /** Every event of the stream in version order, in auto-commit. */
  public List<SimpleEvent> readStream(String streamId) throws SQLException, JsonProcessingException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(readStream)) {
      statement.setString(1, streamId);
      List<SimpleEvent> read = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          read.add(new SimpleEvent(rows.getLong(1), rows.getString(2), reader.readValue(rows.getString(3)),
              rows.getObject(4, OffsetDateTime.class)));
        }
      }
      return read;
    }
  }
}
