package io.rillflow.internal.schema;

import io.rillflow.AutoCreate;
import io.rillflow.SchemaException;
import io.rillflow.events.EventStorage;
import io.rillflow.internal.events.StreamKeys;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a schema's event tables to the store's {@link EventStorage}: the stream id columns' type and
 * the type-name index. Like {@link ConjoinedKeys}, not a migration: migrations are one list for every
 * store, and this layout is per store.
 *
 * <p><b>Stream ids.</b> The column type of {@code rf_events.stream_id} is the schema's mark: a store of
 * {@code uuid} stream ids converts a text schema on its start (unless {@code AutoCreate.NONE}, where it
 * fails saying so), and a store of text stream ids refuses a uuid schema, before its first append would
 * fail on a cast. The conversion changes the four tables that hold a stream's key ({@code rf_streams},
 * {@code rf_events}, {@code rf_events_archived}, {@code rf_snapshots}) in one transaction under an
 * exclusive lock on them, after checking that every stored id is a UUID's text (a schema keeps all of
 * its rows or is left as it was); the tables keep their columns in the same order, which archive moves
 * ({@code INSERT ... SELECT *}) rely on; the primary key of {@code rf_events} becomes the global order's
 * {@code (tx_id, seq_id)} (index {@code rf_events_global}), and the index of {@code seq_id} alone goes: one index
 * fewer per event. Tables that only copy a stream id for the record (dead letters,
 * parked events, store-wide idempotency keys) keep it as text. A peer converting at the same time waits on
 * the lock and then finds the work done: the type is read again under the lock. A converter that freezes
 * mid-way (its statements follow each other at once) has its transaction ended by the server after
 * {@value #FROZEN_CONVERTER} idle, which lets go of the locks and keeps nothing.
 *
 * <p><b>Type index.</b> {@code rf_events_type_global} is built or dropped {@code CONCURRENTLY} (appends
 * go on meanwhile); a build cut short leaves an invalid index, which the next start drops and builds
 * again. {@code AutoCreate.NONE} leaves it as it is: reads by type work either way.
 */
public final class EventLayout {
  private static final Logger LOG = LoggerFactory.getLogger(EventLayout.class);
  private static final List<String> KEYED_TABLES =
      List.of("rf_streams", "rf_events", "rf_events_archived", "rf_snapshots");
  private static final String TYPE_INDEX = "rf_events_type_global";
  /** How long the conversion's transaction may sit idle: its statements follow each other at once. */
  static final String FROZEN_CONVERTER = "10s";
  private static final String UUID_TEXT = "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$";

  private EventLayout() {}

  /**
   * Checks, and unless {@code autoCreate} is {@link AutoCreate#NONE} changes, the event tables of
   * {@code schema} to {@code storage}. A schema without Rillflow's tables is left alone.
   *
   * @throws SchemaException when the schema's stream ids are of the other type and this store may not or
   *     cannot convert them
   */
  public static void settle(DataSource dataSource, String schema, EventStorage storage, AutoCreate autoCreate) {
    try (Connection connection = dataSource.getConnection()) {
      State state = read(connection, schema);
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      if (state.streamIdType() == null) {
        return;
      }
      StreamKeys wanted = StreamKeys.of(storage.streamIdentity());
      if (!state.streamIdType().equals(wanted.columnType())) {
        if (wanted == StreamKeys.TEXT) {
          throw new SchemaException("Schema \"" + schema + "\" keeps its stream ids as uuid (a store with"
              + " EventStorage of StreamIdentity.UUID converted it): build this store with"
              + " .eventStorage(EventStorage.DEFAULT.withStreamIdentity(StreamIdentity.UUID)), or use another schema");
        }
        if (autoCreate == AutoCreate.NONE) {
          throw new SchemaException("Schema \"" + schema + "\" keeps its stream ids as text and this store keeps them"
              + " as uuid (EventStorage of StreamIdentity.UUID); AutoCreate.NONE does not convert them: start once"
              + " with AutoCreate.CREATE_OR_UPDATE, every node of the text layout stopped");
        }
        convert(connection, schema);
      }
      if (autoCreate != AutoCreate.NONE) {
        settleTypeIndex(connection, schema, state.typeIndex(), storage.typeIndex());
      }
    } catch (SQLException e) {
      throw new SchemaException("Cannot bring the event tables of schema \"" + schema + "\" to the store's"
          + " EventStorage: " + e.getMessage(), e);
    }
  }

  /** The stream id column's type (null: no event table) and the type index (null: none; else valid or not). */
  private record State(String streamIdType, Boolean typeIndex) {}

  private static State read(Connection connection, String schema) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT (SELECT format_type(a.atttypid, NULL)"
        + " FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attname = 'stream_id' AND NOT a.attisdropped),"
        + " (SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(?))")) {
      statement.setString(1, qualified(schema, "rf_events"));
      statement.setString(2, qualified(schema, TYPE_INDEX));
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        Boolean index = row.getObject(2) == null ? null : row.getBoolean(2);
        return new State(row.getString(1), index);
      }
    }
  }

  private static void convert(Connection connection, String schema) throws SQLException {
    long started = System.nanoTime();
    boolean converted = Transaction.run(connection, c -> {
      try (Statement statement = c.createStatement()) {
        StringBuilder tables = new StringBuilder();
        for (String table : KEYED_TABLES) {
          tables.append(tables.isEmpty() ? "" : ", ").append(qualified(schema, table));
        }
        // A converter frozen between two statements (SIGSTOP, a network cut) must not hold the exclusive locks
        // for good: the server ends its transaction, and a peer's start converts instead.
        statement.execute("SET LOCAL idle_in_transaction_session_timeout = '" + FROZEN_CONVERTER + "'");
        statement.execute("LOCK TABLE " + tables + " IN ACCESS EXCLUSIVE MODE");
        // Read again under the lock, in this transaction: a peer may have converted while this one waited.
        if (StreamKeys.UUID_KEYS.columnType().equals(read(c, schema).streamIdType())) {
          return false;
        }
        refuseNonUuidIds(c, schema);
        String uuid = StreamKeys.UUID_KEYS.columnType();
        for (String table : KEYED_TABLES) {
          statement.execute("ALTER TABLE " + qualified(schema, table)
              + " ALTER COLUMN stream_id TYPE " + uuid + " USING CAST(stream_id AS " + uuid + ")");
        }
        // The global order's key becomes the primary key, in place of seq_id's own: one index fewer to write
        // per event. Every lookup of an event by its place goes by (tx_id, seq_id) (GlobalOrder).
        String events = qualified(schema, "rf_events");
        statement.execute("ALTER TABLE " + events + " DROP CONSTRAINT rf_events_pkey");
        statement.execute("DROP INDEX " + qualified(schema, "rf_events_global"));
        statement.execute("ALTER TABLE " + events + " ADD CONSTRAINT rf_events_global PRIMARY KEY (tx_id, seq_id)");
        return true;
      }
    });
    if (converted) {
      LOG.info("Converted the stream ids of schema {} to uuid in {} ms", schema,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  private static void refuseNonUuidIds(Connection connection, String schema) throws SQLException {
    for (String table : KEYED_TABLES) {
      try (PreparedStatement statement = connection.prepareStatement("SELECT stream_id, count(*) OVER () FROM "
          + qualified(schema, table) + " WHERE stream_id !~ ? LIMIT 1")) {
        statement.setString(1, UUID_TEXT);
        try (ResultSet row = statement.executeQuery()) {
          if (row.next()) {
            throw new SchemaException("Cannot keep the stream ids of schema \"" + schema + "\" as uuid: " + table
                + " holds " + row.getLong(2) + " stream id(s) that are not a UUID's text, such as \"" + row.getString(1)
                + "\"; nothing was changed. Keep this schema with StreamIdentity.TEXT");
          }
        }
      }
    }
  }

  private static void settleTypeIndex(Connection connection, String schema, Boolean present, boolean wanted)
      throws SQLException {
    if (wanted && Boolean.TRUE.equals(present) || !wanted && present == null) {
      return;
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      if (present != null) {
        // Unwanted, or an earlier build cut short (invalid, not used by any read but written by every append).
        statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + qualified(schema, TYPE_INDEX));
      }
      if (wanted) {
        statement.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + Identifiers.quote(TYPE_INDEX) + " ON "
            + qualified(schema, "rf_events") + " (type, tx_id, seq_id)");
      }
      LOG.info("{} the event type index of schema {}", wanted ? "Built" : "Dropped", schema);
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static String qualified(String schema, String table) {
    return Identifiers.quote(schema) + "." + Identifiers.quote(table);
  }
}
