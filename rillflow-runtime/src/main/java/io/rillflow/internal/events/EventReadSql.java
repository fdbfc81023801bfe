package io.rillflow.internal.events;

import io.rillflow.internal.sql.TenantFilter;

/**
 * The statements of event reads over one relation, built once: {@link #hot} reads {@code rf_events}
 * only, the events of live streams, and is what every read of the store and its projections,
 * subscriptions and aggregates uses; {@link #withArchived} reads the archive too (see
 * {@link EventTables#both()}). The relation is aliased {@code ev} in every statement.
 *
 * <p><b>Global reads</b> go by {@code (tx_id, seq_id)} and only below the store's safe point, read by
 * an earlier statement and bound: see {@link StoreSafePoint} and {@link io.rillflow.events.Checkpoint}.
 * A conjoined tenant's statements keep to its rows ({@link TenantFilter}); its global reads lead with the
 * tenant, so they walk its own {@code (tenant_id, tx_id, seq_id)} index, not every tenant's events.
 */
final class EventReadSql {
  /** The safe point, read by {@link StoreSafePoint} in an earlier statement, bound as a long. */
  private static final String BELOW_SAFE_POINT = "tx_id < CAST(CAST(? AS bigint) AS text)::xid8";

  final String readStream;
  final String scanStream;
  final String readAll;
  final String scanAll;
  final String readRaw;
  final String readRawWithStreamType;
  final String readOwnTransaction;
  final String readAt;
  final String readByCorrelation;
  final String readByCausation;
  final String readAllOfType;
  final String head;

  private EventReadSql(String events, String hot, String streams, String functions, TenantFilter tenant,
      StreamKeys keys) {
    String from = " FROM " + events + " ev";
    readStream = "SELECT " + EventSql.STREAM_EVENT_COLUMNS + from
        + " WHERE stream_id = " + keys.param() + tenant.and() + " AND version BETWEEN ? AND ? ORDER BY version";
    scanStream = "SELECT " + EventSql.STREAM_EVENT_COLUMNS + from + " WHERE stream_id = " + keys.param()
        + tenant.and() + " AND version >= ? ORDER BY version";
    String global = "SELECT " + EventSql.EVENT_COLUMNS + from + " WHERE " + tenant.leading() + EventSql.AFTER_CHECKPOINT
        + " AND " + BELOW_SAFE_POINT + " ORDER BY tx_id, seq_id";
    readAll = global + " LIMIT ?";
    scanAll = global;
    // Subscriptions filter and partition in Java, so the read cursor passes every row it read.
    String below = from + " WHERE " + tenant.leading() + EventSql.AFTER_CHECKPOINT + " AND " + BELOW_SAFE_POINT
        + " ORDER BY tx_id, seq_id LIMIT ?";
    readRaw = "SELECT " + EventSql.EVENT_COLUMNS + ", CAST(NULL AS text)" + below;
    readRawWithStreamType = "SELECT " + EventSql.EVENT_COLUMNS + ", (SELECT s.stream_type FROM " + streams
        + " s WHERE s.stream_id = ev.stream_id" + tenant.and("s") + ")" + below;
    // A transaction appends to live streams only: its own events are all hot.
    readOwnTransaction = "SELECT " + EventSql.EVENT_COLUMNS + " FROM " + hot
        + " WHERE tx_id = " + functions + "rf_own_ticket()" + tenant.and() + " ORDER BY seq_id";
    // Audit reads: every event of one correlation (or causation) id, served by partial indexes (V20).
    readByCorrelation = "SELECT " + EventSql.EVENT_COLUMNS + from + " WHERE correlation_id = ?" + tenant.and()
        + " ORDER BY seq_id";
    readByCausation = "SELECT " + EventSql.EVENT_COLUMNS + from + " WHERE causation_id = ?" + tenant.and()
        + " ORDER BY seq_id";
    // The global read of one type name: rf_events_type_global (type, tx_id, seq_id) serves it (V20) when the
    // store keeps that index (EventStorage.typeIndex); without it the read walks the global order's index.
    readAllOfType = "SELECT " + EventSql.EVENT_COLUMNS + from + " WHERE type = ?" + tenant.and() + " AND "
        + EventSql.AFTER_CHECKPOINT + " AND " + BELOW_SAFE_POINT + " ORDER BY tx_id, seq_id LIMIT ?";
    // By (tx_id, seq_id), the global order's key: a schema of uuid stream ids has no index of seq_id alone.
    readAt = "SELECT " + EventSql.EVENT_COLUMNS + from + " WHERE tx_id = CAST(CAST(? AS bigint) AS text)::xid8"
        + " AND seq_id = ?" + tenant.and();
    head = GlobalOrder.head(from, tenant);
  }

  /** Reads of live streams' events: {@code rf_events} alone. */
  static EventReadSql hot(EventTables tables, String streams, String functions, TenantFilter tenant,
      StreamKeys keys) {
    return new EventReadSql(tables.hot(), tables.hot(), streams, functions, tenant, keys);
  }

  /** Reads of every event, archived ones included. */
  static EventReadSql withArchived(EventTables tables, String streams, String functions, TenantFilter tenant,
      StreamKeys keys) {
    return new EventReadSql(tables.both(), tables.hot(), streams, functions, tenant, keys);
  }
}
