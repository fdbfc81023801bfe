package io.rillflow.internal.events;

import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;

/**
 * The one statement a group append runs (see {@link GroupAppender}), qualified for one store's
 * schema (and, for a conjoined tenant's store, built for its tenant, as {@link EventSql} is) when the
 * store starts.
 *
 * <p><b>Algorithm.</b> The group's appends come in as parallel arrays, one element per append
 * (ordinal, stream id, stream type, kind of expectation, expected version, event count, headers,
 * causation id, correlation id), and its events as parallel arrays keyed by the append's ordinal.
 * Three data-modifying CTEs check and bump the stream rows, each for the appends of its kinds, with
 * exactly the conditions of {@link EventSql}'s single append: {@code any} upserts, {@code noStream}
 * inserts or does nothing, {@code streamExists} and {@code exactly} update where the row exists (and
 * has the expected version), never an archived stream. The streams they return are the appends that
 * passed; the events insert joins on them, so a failed append writes nothing and the others are
 * written. The statement returns one row per written append (ordinal, new version, last position):
 * an ordinal missing from the result is an append that was refused, and only then is it asked why.
 *
 * <p><b>Hazards.</b> Two appends to one stream in one statement would make the CTEs touch one row
 * twice (an error for the upsert, an unspecified result for the update): the caller never puts two
 * appends to the same stream in one group. The ordering ticket ({@code rf_append_ticket()}, see
 * {@link StoreSafePoint}) is the CTE {@code t}, joined by every CTE that writes, so it is taken
 * before the first row is written and once for the whole transaction.
 */
final class GroupAppendSql {
  /** The kinds of expectation as the statement numbers them. */
  static final int ANY = 0;
  static final int NO_STREAM = 1;
  static final int STREAM_EXISTS = 2;
  static final int EXACTLY = 3;

  /**
   * Parameters: ordinals int[], stream ids text[], stream types text[], kinds int[], expected
   * versions bigint[], counts bigint[], headers text[], causation ids text[], correlation ids text[];
   * then per event: append ordinals int[], index in its append int[] (from 1), type names text[],
   * schema versions int[], data text[].
   */
  final String append;

  /**
   * @param tenant the conjoined tenant whose rows every group writes (it leads the streams' and
   *     events' keys), or {@link TenantFilter#NONE}
   * @param keys how the schema stores stream ids: the stream id array is cast to their type
   */
  GroupAppendSql(String schema, TenantFilter tenant, StreamKeys keys) {
    String streams = Identifiers.quote(schema) + "." + Identifiers.quote("rf_streams");
    String events = Identifiers.quote(schema) + "." + Identifiers.quote("rf_events");
    String functions = Identifiers.quote(schema) + ".";
    String streamKey = tenant.column() + "stream_id";
    append = "WITH t AS (SELECT " + functions + "rf_append_ticket() AS ticket),"
        + " a AS (SELECT * FROM unnest(CAST(? AS integer[]), " + keys.arrayParam() + ", CAST(? AS text[]),"
        + " CAST(? AS integer[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]),"
        + " CAST(? AS text[])) AS a(ord, stream_id, stream_type, kind, expected, n, headers, causation_id,"
        + " correlation_id)),"
        + " s_any AS (INSERT INTO " + streams + " AS st (" + streamKey + ", stream_type, version)"
        + " SELECT " + tenant.value() + "a.stream_id, a.stream_type, a.n FROM a CROSS JOIN t WHERE a.kind = " + ANY
        + " ORDER BY a.stream_id"
        + " ON CONFLICT (" + streamKey + ") DO UPDATE SET version = st.version + excluded.version,"
        + " stream_type = coalesce(st.stream_type, excluded.stream_type), updated_at = now()"
        + " WHERE NOT st.archived RETURNING st.stream_id, st.version),"
        + " s_new AS (INSERT INTO " + streams + " (" + streamKey + ", stream_type, version)"
        + " SELECT " + tenant.value() + "a.stream_id, a.stream_type, a.n FROM a CROSS JOIN t WHERE a.kind = " + NO_STREAM
        + " ORDER BY a.stream_id ON CONFLICT (" + streamKey + ") DO NOTHING RETURNING stream_id, version),"
        + " s_old AS (UPDATE " + streams + " AS st SET version = st.version + a.n, updated_at = now()"
        + " FROM a CROSS JOIN t WHERE st.stream_id = a.stream_id" + tenant.and("st")
        + " AND a.kind IN (" + STREAM_EXISTS + ", " + EXACTLY + ")"
        + " AND (a.kind = " + STREAM_EXISTS + " OR st.version = a.expected) AND NOT st.archived"
        + " RETURNING st.stream_id, st.version),"
        + " s AS (SELECT a.ord, a.stream_id, a.n, w.version, a.headers, a.causation_id, a.correlation_id FROM a JOIN"
        + " (SELECT * FROM s_any UNION ALL SELECT * FROM s_new UNION ALL SELECT * FROM s_old) AS w"
        + " ON w.stream_id = a.stream_id),"
        + " e AS (INSERT INTO " + events + " (" + streamKey + ", version, type, schema_version, data, headers,"
        + " causation_id, correlation_id, tx_id)"
        + " SELECT " + tenant.value() + "s.stream_id, s.version - s.n + x.idx, x.type, x.schema_version, x.data::jsonb,"
        + " CAST(s.headers AS jsonb), s.causation_id, s.correlation_id, t.ticket"
        + " FROM unnest(CAST(? AS integer[]), CAST(? AS integer[]), CAST(? AS text[]), CAST(? AS integer[]),"
        + " CAST(? AS text[])) AS x(ord, idx, type, schema_version, data)"
        + " JOIN s ON s.ord = x.ord CROSS JOIN t ORDER BY x.ord, x.idx RETURNING stream_id, seq_id)"
        + " SELECT s.ord, s.version, m.last FROM s JOIN (SELECT stream_id, max(seq_id) AS last FROM e"
        + " GROUP BY stream_id) AS m ON m.stream_id = s.stream_id";
  }
}
