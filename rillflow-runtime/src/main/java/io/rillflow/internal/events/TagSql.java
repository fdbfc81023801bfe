package io.rillflow.internal.events;

import io.rillflow.events.AppendLockTimeoutException;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQL of Dynamic Consistency Boundaries for one schema: the lock statement, the tag rows'
 * insert, and per query shape (see {@link TaggedQuery#shape()}) the read of matching events below
 * the safe point and the check for matching events after a checkpoint. Shapes are a few letters, so
 * their statements are built once each and cached; every value is a bound parameter.
 *
 * <p>An item matches by tag through {@code rf_event_tags} (one row per event and tag: an event
 * holds all of an item's tags when it has as many matching rows as the item has tags), or by type
 * alone through {@code rf_events}' type index. Each item's rows are narrowed to the window (below
 * the safe point, or after a checkpoint) inside the item, where the indexes hold {@code tx_id}.
 *
 * <p>A conjoined tenant's statements keep to its rows: its tenant leads every item's condition (and the
 * tag index, see {@code ConjoinedKeys}) and every tag row it writes ({@link TenantFilter}).
 */
final class TagSql {
  /** The first key of the DCB advisory locks: 'RLFT', beside the safe point's 'RLFW'. */
  static final int LOCK_CLASS = AppendLockTimeoutException.LOCK_CLASS;

  /** Takes each key, exclusive or shared, in array order: the caller sorts them, so no two appends deadlock. */
  final String lock = "SELECT count(CASE WHEN u.x THEN pg_advisory_xact_lock(" + LOCK_CLASS + ", u.k)::text"
      + " ELSE pg_advisory_xact_lock_shared(" + LOCK_CLASS + ", u.k)::text END)"
      + " FROM unnest(CAST(? AS int[]), CAST(? AS boolean[])) AS u(k, x)";
  /** Parameters: stream id, versions[], tags[] (one pair per tag of the append's events). */
  final String insertTags;

  /** {@code rf_events}: where appends write and checks look. */
  private final String events;
  /** What {@link #read} reads: {@code rf_events}, or with the archive too. */
  private final String readEvents;
  private final String tags;
  private final String ownTicket;
  private final TenantFilter tenant;
  private final Map<String, String> reads = new ConcurrentHashMap<>();
  private final Map<String, String> checks = new ConcurrentHashMap<>();

  /** Over live streams' events. */
  TagSql(String schema, TenantFilter tenant, StreamKeys keys) {
    this(schema, false, tenant, keys);
  }

  /**
   * @param withArchived whether {@link #read} takes archived streams' events in too: their tag rows
   *     stay in {@code rf_event_tags} when they move (V80), so an item finds them by tag as before
   * @param keys how the schema stores stream ids
   */
  TagSql(String schema, boolean withArchived, TenantFilter tenant, StreamKeys keys) {
    this.tenant = tenant;
    EventTables tables = EventTables.of(schema);
    events = tables.hot();
    readEvents = withArchived ? tables.both() : tables.hot();
    tags = Identifiers.quote(schema) + "." + Identifiers.quote("rf_event_tags");
    ownTicket = Identifiers.quote(schema) + ".rf_own_ticket()";
    insertTags = "INSERT INTO " + tags + " (" + tenant.column() + "seq_id, tag, type, tx_id)"
        + " SELECT " + tenant.value() + "e.seq_id, x.tag, e.type, e.tx_id FROM " + events + " e"
        + " JOIN unnest(CAST(? AS bigint[]), CAST(? AS text[])) AS x(version, tag) ON e.version = x.version"
        + " WHERE e.stream_id = " + keys.param() + tenant.and("e");
  }

  /**
   * The matching events below the safe point, in global order. Parameters: per item its own (see
   * {@link TaggedQuery#bind}) with the safe point as its window.
   */
  String read(TaggedQuery query) {
    return reads.computeIfAbsent(query.shape(), shape -> "SELECT " + EventSql.EVENT_COLUMNS + " FROM " + readEvents
        + " ev WHERE (tx_id, seq_id) IN (" + items(shape, readEvents, "tx_id < CAST(CAST(? AS bigint) AS text)::xid8") + ")"
        + " ORDER BY tx_id, seq_id");
  }

  /**
   * The positions of matching events after a checkpoint, committed by other transactions (this
   * one's own earlier appends do not count), first 100. Parameters: per item its own with the
   * checkpoint (transaction id, position) as its window. Live streams' events only: an archived
   * stream takes no appends, so what it holds decides nothing new.
   */
  String check(TaggedQuery query) {
    return checks.computeIfAbsent(query.shape(), shape -> "SELECT seq_id FROM " + events
        + " WHERE (tx_id, seq_id) IN (" + items(shape, events, EventSql.AFTER_CHECKPOINT) + ")"
        + " AND tx_id IS DISTINCT FROM " + ownTicket + " ORDER BY seq_id LIMIT 100");
  }

  private String items(String shape, String events, String window) {
    StringBuilder sql = new StringBuilder();
    for (char item : shape.toCharArray()) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append(switch (item) {
        case 'T' -> "SELECT tx_id, seq_id FROM " + tags + " WHERE " + tenant.leading() + "tag = ANY(CAST(? AS text[]))"
            + " AND " + window + " GROUP BY tx_id, seq_id HAVING count(*) = ?";
        case 'B' -> "SELECT tx_id, seq_id FROM " + tags + " WHERE " + tenant.leading() + "tag = ANY(CAST(? AS text[]))"
            + " AND type = ANY(CAST(? AS text[])) AND " + window + " GROUP BY tx_id, seq_id HAVING count(*) = ?";
        case 'Y' -> "SELECT tx_id, seq_id FROM " + events + " ty WHERE " + tenant.leading()
            + "type = ANY(CAST(? AS text[])) AND " + window;
        default -> "SELECT tx_id, seq_id FROM " + events + " al WHERE " + tenant.leading() + window;
      });
    }
    return sql.toString();
  }
}
