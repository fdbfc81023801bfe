package io.rillflow.internal.aggregates;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rillflow.RillflowException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes aggregate snapshots on a connection the caller holds. A snapshot row is used
 * only when its type is the aggregate's class, its schema version is the class's compiled
 * fingerprint, its version is not above the stream's, and its JSON reads as the class strictly
 * ({@link StrictSnapshotReader}); anything else is ignored (and logged), never fatal: the caller
 * folds from the first event and writes the snapshot again.
 */
final class Snapshots {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

  private final AggregateSql sql;

  Snapshots(AggregateSql sql) {
    this.sql = sql;
  }

  /** What a read found: a usable snapshot, nothing, or a row that had to be ignored. */
  record Found<A>(Loaded<A> snapshot, boolean stale) {
    static <A> Found<A> none() {
      return new Found<>(null, false);
    }
  }

  <A> Found<A> read(Connection connection, AggregateType<A> type, String stream, long atVersion) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.readSnapshot)) {
      statement.setString(1, stream);
      statement.setLong(2, atVersion);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Found.none();
        }
        long version = row.getLong(1);
        String storedType = row.getString(2);
        int schema = row.getInt(3);
        long streamVersion = row.getLong(5);
        if (version > streamVersion) {
          LOG.warn("Ignored the snapshot of stream {}: it claims version {} but the stream is at version {};"
              + " folding from the first event", stream, version, streamVersion);
          return new Found<>(null, true);
        }
        if (!type.type().getName().equals(storedType) || schema != type.mapping().snapshotSchema()) {
          LOG.info("Ignored the snapshot of stream {} at version {}: written for {} (schema {}), now {} (schema {});"
              + " folding from the first event", stream, version, storedType, schema, type.type().getName(),
              type.mapping().snapshotSchema());
          return new Found<>(null, true);
        }
        try {
          A state = StrictSnapshotReader.read(type.reader(), type.writer(), row.getString(4));
          return new Found<>(new Loaded<>(state, version), false);
        } catch (IOException | StrictSnapshotReader.MismatchException e) {
          LOG.warn("Ignored the snapshot of stream {} at version {}: it no longer reads as {} ({}); folding from the"
              + " first event", stream, version, type.type().getName(), e.getMessage());
          return new Found<>(null, true);
        }
      }
    }
  }

  <A> void write(Connection connection, AggregateType<A> type, String stream, long version, A state)
      throws SQLException {
    upsert(connection, sql.writeSnapshot, type, stream, version, state);
  }

  /** As {@link #write}, but replaces whatever row is there: for a snapshot that had to be ignored. */
  <A> void replace(Connection connection, AggregateType<A> type, String stream, long version, A state)
      throws SQLException {
    upsert(connection, sql.replaceSnapshot, type, stream, version, state);
  }

  private <A> void upsert(Connection connection, String upsert, AggregateType<A> type, String stream, long version,
      A state) throws SQLException {
    String json;
    try {
      json = type.writer().writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot write the snapshot of " + type.name() + " " + stream + " as JSON: "
          + e.getOriginalMessage(), e);
    }
    try (PreparedStatement statement = connection.prepareStatement(upsert)) {
      statement.setString(1, stream);
      statement.setLong(2, version);
      statement.setString(3, type.type().getName());
      statement.setInt(4, type.mapping().snapshotSchema());
      statement.setString(5, json);
      statement.executeUpdate();
    }
  }
}
