package io.rillflow.internal.events;

import io.rillflow.events.ExpectedVersion;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every statement of the event store, qualified for one store's schema and built once when the
 * store starts: nothing here is assembled per call.
 *
 * <p><b>Append.</b> One statement per append, whatever the number of events: a data-modifying CTE
 * checks and bumps the stream's row ({@code rf_streams}, one variant per kind of
 * {@link ExpectedVersion}), and the outer insert writes every event from three bound arrays
 * ({@code unnest ... WITH ORDINALITY}), numbering them from the version the CTE returned. When the
 * check fails the CTE returns no row, so the insert writes nothing and the statement returns a
 * null version. Concurrent appends to one stream queue on the stream's row lock; PostgreSQL
 * re-checks the version condition on the newest row, so exactly one of two appends expecting the
 * same version wins. With an idempotency key, the CTE also requires that no event of the stream
 * has the key yet; two appends racing with one key are settled by the unique index instead.
 * Measured on a local server against the obvious alternative (upsert the stream row, then a JDBC
 * batch of inserts, then commit: three round trips): about even at one event per append, and
 * 1.5 to 2 times faster at 100 events; over a network the two saved round trips add to that.
 *
 * The statement takes the transaction's ordering ticket ({@code rf_append_ticket()}, see
 * {@link StoreSafePoint}) in a CTE that the stream part reads from, so the ticket is taken before
 * the statement writes anything, once, and written into every event's {@code tx_id}.
 *
 * <p><b>Reads</b> are in {@link EventReadSql}, once over live streams' events and once with the
 * archive ({@link #reads}, {@link #readsWithArchived}).
 */
final class EventSql {
  /**
   * The transaction id is read under another name: an output column named {@code tx_id} would be
   * what {@code ORDER BY tx_id} sorts by (output names win there), and were it a cast (a bigint) the
   * {@code rf_events_global} index would not hold it, so every batch would sort the whole table. It
   * goes out as the {@code xid8} it is, which the driver sends as digits and {@code getLong} parses:
   * no {@code ::text::bigint} cast per row on the server. {@code created_at} goes out as stored too
   * (see {@link EventTimestamps}); {@code data} and {@code headers} are jsonb, sent as their text.
   */
  static final String EVENT_COLUMNS = "seq_id, stream_id, version, type, schema_version, data, "
      + "headers, causation_id, correlation_id, " + EventTimestamps.COLUMN + ", tx_id AS tx_number";
  /**
   * A stream read's columns: {@link #EVENT_COLUMNS} without {@code stream_id}, which the caller gave
   * (no copy of it per row on the wire or in memory). See {@code EnvelopeReader.Read#ofStream}.
   */
  static final String STREAM_EVENT_COLUMNS = "seq_id, version, type, schema_version, data, "
      + "headers, causation_id, correlation_id, " + EventTimestamps.COLUMN + ", tx_id AS tx_number";
  private static final String STREAM_COLUMNS = "stream_id, version, stream_type, archived, created_at, updated_at";
  /** The statement's (tx_id, seq_id) bound as two longs; xid8 has no cast from bigint, only from text. */
  static final String AFTER_CHECKPOINT = GlobalOrder.AFTER_CHECKPOINT;

  private final Map<ExpectedVersion.Kind, String> append = new EnumMap<>(ExpectedVersion.Kind.class);
  private final Map<ExpectedVersion.Kind, String> appendWithKey = new EnumMap<>(ExpectedVersion.Kind.class);
  final String appendFailure;
  /** Reads of live streams' events ({@code rf_events}). */
  final EventReadSql reads;
  /** Reads of every event, archived streams' too. */
  final EventReadSql readsWithArchived;
  final String streamState;
  final String streamsOfType;
  final String deleteStream;
  final String deleteEventsAndSnapshot;

  final String keyFirstUse;
  private final boolean storeWideKeys;

  /** As {@link #EventSql(String, boolean, TenantFilter, StreamKeys)}: keys per stream, no tenant, text ids. */
  EventSql(String schema) {
    this(schema, false, TenantFilter.NONE, StreamKeys.TEXT);
  }

  /**
   * @param storeWideKeys whether a keyed append also claims its key in {@code rf_idempotency_keys},
   *     whose primary key refuses the key for any other stream (V21) of the same tenant (V94)
   * @param tenant the tenant of a conjoined store: it leads the streams' and events' keys (see
   *     {@code ConjoinedKeys}), every insert writes it and every read keeps to it; {@link TenantFilter#NONE}
   *     leaves every statement as a store without tenants has it
   * @param keys how the schema stores stream ids: every stream id parameter takes its form
   */
  EventSql(String schema, boolean storeWideKeys, TenantFilter tenant, StreamKeys keys) {
    String keyTable = Identifiers.quote(schema) + "." + Identifiers.quote("rf_idempotency_keys");
    this.storeWideKeys = storeWideKeys;
    keyFirstUse = "SELECT stream_id, version, seq_id FROM " + keyTable + " WHERE idempotency_key = ?" + tenant.and();
    String streams = Identifiers.quote(schema) + "." + Identifiers.quote("rf_streams");
    EventTables tables = EventTables.of(schema);
    String events = tables.hot();
    String snapshots = Identifiers.quote(schema) + "." + Identifiers.quote("rf_snapshots");
    String functions = Identifiers.quote(schema) + ".";
    for (ExpectedVersion.Kind kind : ExpectedVersion.Kind.values()) {
      append.put(kind, appendSql(kind, false, streams, events, functions, null, tenant, keys));
      appendWithKey.put(kind,
          appendSql(kind, true, streams, events, functions, storeWideKeys ? keyTable : null, tenant, keys));
    }
    appendFailure = "SELECT st.version, st.archived, ev.version, ev.seq_id FROM (SELECT 1) AS one"
        + " LEFT JOIN " + streams + " st ON st.stream_id = " + keys.param() + tenant.and("st")
        + " LEFT JOIN " + events + " ev ON ev.stream_id = " + keys.param() + " AND ev.idempotency_key = ?"
        + tenant.and("ev");
    reads = EventReadSql.hot(tables, streams, functions, tenant, keys);
    readsWithArchived = EventReadSql.withArchived(tables, streams, functions, tenant, keys);
    String byStream = " WHERE stream_id = " + keys.param() + tenant.and();
    streamState = "SELECT " + STREAM_COLUMNS + " FROM " + streams + byStream;
    streamsOfType = "SELECT " + STREAM_COLUMNS + " FROM " + streams + " WHERE stream_type = ?" + tenant.and()
        + " ORDER BY stream_id";
    deleteStream = "DELETE FROM " + streams + byStream;
    // The stream's events, hot or archived, and their tags (V80 dropped the reference that deleted them).
    String tags = Identifiers.quote(schema) + "." + Identifiers.quote("rf_event_tags");
    deleteEventsAndSnapshot = "WITH hot AS (DELETE FROM " + tables.hot() + byStream + " RETURNING seq_id),"
        + " cold AS (DELETE FROM " + tables.archived() + byStream + " RETURNING seq_id),"
        + " gone AS (DELETE FROM " + tags + " WHERE seq_id IN (SELECT seq_id FROM hot UNION ALL SELECT seq_id FROM cold))"
        + " DELETE FROM " + snapshots + byStream;
  }

  /** Whether keyed appends claim their key store-wide. */
  boolean storeWideKeys() {
    return storeWideKeys;
  }

  /** The append statement for this expectation, with or without the idempotency-key check. */
  String append(ExpectedVersion.Kind kind, boolean withKey) {
    return (withKey ? appendWithKey : append).get(kind);
  }

  /**
   * Parameters, in order: the stream part (see {@link StreamAppender}), then stream id, event count,
   * headers, causation id, correlation id, idempotency key, type names[], schema versions[], data[];
   * with store-wide keys, then the key and the stream id again.
   */
  private static String appendSql(ExpectedVersion.Kind kind, boolean withKey, String streams, String events,
      String functions, String storeWideKeys, TenantFilter tenant, StreamKeys keys) {
    String id = keys.param();
    String keyUnused = " NOT EXISTS (SELECT 1 FROM " + events + " WHERE stream_id = " + id + " AND idempotency_key = ?"
        + tenant.and() + ")";
    String streamKey = tenant.column() + "stream_id";
    String stream = switch (kind) {
      case ANY -> "INSERT INTO " + streams + " AS st (" + streamKey + ", stream_type, version)"
          + " SELECT " + tenant.value() + id + ", ?, CAST(? AS bigint) FROM t" + (withKey ? " WHERE" + keyUnused : "")
          + " ON CONFLICT (" + streamKey + ") DO UPDATE SET version = st.version + excluded.version,"
          + " stream_type = coalesce(st.stream_type, excluded.stream_type), updated_at = now()"
          + " WHERE NOT st.archived RETURNING st.version";
      case NO_STREAM -> "INSERT INTO " + streams + " (" + streamKey + ", stream_type, version)"
          + " SELECT " + tenant.value() + id + ", ?, CAST(? AS bigint) FROM t" + (withKey ? " WHERE" + keyUnused : "")
          + " ON CONFLICT (" + streamKey + ") DO NOTHING RETURNING version";
      case STREAM_EXISTS -> "UPDATE " + streams + " SET version = version + CAST(? AS bigint), updated_at = now()"
          + " FROM t WHERE stream_id = " + id + tenant.and() + " AND NOT archived" + (withKey ? " AND" + keyUnused : "")
          + " RETURNING version";
      case EXACTLY -> "UPDATE " + streams + " SET version = version + CAST(? AS bigint), updated_at = now()"
          + " FROM t WHERE stream_id = " + id + tenant.and() + " AND version = ? AND NOT archived"
          + (withKey ? " AND" + keyUnused : "") + " RETURNING version";
    };
    return "WITH t AS (SELECT " + functions + "rf_append_ticket() AS ticket),"
        + " s AS (" + stream + "),"
        + " e AS (INSERT INTO " + events + " (" + streamKey + ", version, type, schema_version, data, headers,"
        + " causation_id, correlation_id, idempotency_key, tx_id)"
        + " SELECT " + tenant.value() + id + ", s.version - CAST(? AS bigint) + x.ord, x.type, x.schema_version,"
        + " x.data::jsonb,"
        + " CAST(? AS jsonb), ?, ?, CASE WHEN x.ord = 1 THEN CAST(? AS text) END, t.ticket"
        + " FROM s CROSS JOIN t CROSS JOIN unnest(CAST(? AS text[]), CAST(? AS integer[]), CAST(? AS text[]))"
        + " WITH ORDINALITY AS x(type, schema_version, data, ord)"
        + " ORDER BY x.ord RETURNING seq_id, version)"
        // Claims the key store-wide in the same statement: only when events were written (HAVING).
        + (storeWideKeys == null ? "" : ", k AS (INSERT INTO " + storeWideKeys
            + " (" + tenant.column() + "idempotency_key, stream_id, version, seq_id) SELECT " + tenant.value()
            + "CAST(? AS text), CAST(? AS text), min(e.version),"
            + " min(e.seq_id) FROM e HAVING count(*) > 0)")
        + " SELECT (SELECT version FROM s), (SELECT max(seq_id) FROM e)";
  }
}
