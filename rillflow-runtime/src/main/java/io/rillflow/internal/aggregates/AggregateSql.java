package io.rillflow.internal.aggregates;

import io.rillflow.internal.events.StreamKeys;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;

/**
 * The snapshot statements, qualified for one store's schema and built once when it starts.
 * {@code rf_snapshots} keeps one row per stream, the newest; a snapshot of an archived stream is
 * not read. A write replaces the row unless the row is newer and of the same shape (type and
 * fingerprint). A snapshot that had to be ignored is replaced by the fresh fold whatever its row
 * says ({@link #replaceSnapshot}): a row claiming a version above the stream's would win every
 * ordinary write.
 */
final class AggregateSql {
  final String readSnapshot;
  final String writeSnapshot;
  final String replaceSnapshot;

  /**
   * @param tenant a conjoined tenant, whose rows alone it reads and writes; {@link TenantFilter#NONE} else
   * @param keys how the schema stores stream ids
   */
  AggregateSql(String schema, TenantFilter tenant, StreamKeys keys) {
    String snapshots = Identifiers.quote(schema) + "." + Identifiers.quote("rf_snapshots");
    String streams = Identifiers.quote(schema) + "." + Identifiers.quote("rf_streams");
    readSnapshot = "SELECT s.version, s.type, s.schema_version, s.data::text, st.version FROM " + snapshots + " s"
        + " JOIN " + streams + " st ON st.stream_id = s.stream_id" + tenant.and("st") + " AND NOT st.archived"
        + " WHERE s.stream_id = " + keys.param() + tenant.and("s") + " AND s.version <= ?";
    String upsert = "INSERT INTO " + snapshots + " AS s (" + tenant.column() + "stream_id, version, type, schema_version,"
        + " data) VALUES (" + tenant.value() + keys.param() + ", ?, ?, ?, ?::jsonb) ON CONFLICT (" + tenant.column() + "stream_id) DO UPDATE SET version = excluded.version,"
        + " type = excluded.type, schema_version = excluded.schema_version, data = excluded.data, created_at = now()";
    replaceSnapshot = upsert;
    writeSnapshot = upsert + " WHERE s.version <= excluded.version OR s.schema_version <> excluded.schema_version"
        + " OR s.type <> excluded.type";
  }
}
