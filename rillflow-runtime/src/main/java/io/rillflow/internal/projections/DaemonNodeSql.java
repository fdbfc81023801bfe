package io.rillflow.internal.projections;

import io.rillflow.internal.sql.Identifiers;

/**
 * The statements on {@code rf_daemon_nodes}, qualified for one schema once.
 *
 * <p><b>Hot flag protocol (hotcold).</b> Every heartbeat, promotion and demotion of a cluster runs in
 * a transaction that first takes the cluster's transaction-scoped advisory lock ({@link #lock}), so
 * they never interleave: two cold nodes that both see the hot lease ended cannot both claim it (the
 * second finds the first's flag). A heartbeat renews the node's row, then {@link #depose}s a hot node
 * whose lease ended more than the grace ago, then {@link #claim}s the flag when no row holds it.
 * The lock ends with the transaction, so a node that dies holding it holds nothing. The flag only
 * says which node tries the projections; each projection's own lease and epoch decide who commits.
 */
final class DaemonNodeSql {
  private static final String COLUMNS = "cluster, node_id, mode, hot, min_cold_standbys, heartbeat_at, lease_until,"
      + " CAST(extract(epoch FROM clock_timestamp() - heartbeat_at) * 1000000000 AS bigint),"
      + " CAST(extract(epoch FROM lease_until - clock_timestamp()) * 1000000000 AS bigint)";
  private static final String MILLIS = "CAST(? AS bigint) * interval '1 millisecond'";

  final String lock = "SELECT pg_advisory_xact_lock(?)";
  final String beat;
  final String depose;
  final String claim;
  final String cluster;
  final String all;
  final String leave;
  final String promote;
  final String demote;

  DaemonNodeSql(String schema) {
    String nodes = Identifiers.quote(schema) + "." + Identifiers.quote("rf_daemon_nodes");
    beat = "INSERT INTO " + nodes + " AS n (cluster, node_id, mode, min_cold_standbys, heartbeat_at, lease_until)"
        + " VALUES (?, ?, ?, ?, clock_timestamp(), clock_timestamp() + " + MILLIS + ")"
        + " ON CONFLICT (cluster, node_id) DO UPDATE SET mode = excluded.mode,"
        + " min_cold_standbys = excluded.min_cold_standbys, heartbeat_at = excluded.heartbeat_at,"
        + " lease_until = excluded.lease_until";
    depose = "UPDATE " + nodes + " SET hot = false, hot_since = NULL"
        + " WHERE cluster = ? AND hot AND lease_until + " + MILLIS + " < clock_timestamp()";
    claim = "UPDATE " + nodes + " SET hot = true, hot_since = clock_timestamp(), claim_after = NULL"
        + " WHERE cluster = ? AND node_id = ? AND NOT hot AND (claim_after IS NULL OR claim_after < clock_timestamp())"
        + " AND NOT EXISTS (SELECT 1 FROM " + nodes + " o WHERE o.cluster = ? AND o.hot)";
    cluster = "SELECT " + COLUMNS + " FROM " + nodes + " WHERE cluster = ? ORDER BY node_id";
    all = "SELECT " + COLUMNS + " FROM " + nodes + " ORDER BY cluster, node_id";
    leave = "DELETE FROM " + nodes + " WHERE cluster = ? AND node_id = ?";
    // Everyone else steps down; the promoted node is hot at once (it starts at its next heartbeat).
    promote = "UPDATE " + nodes + " SET hot = (node_id = ?),"
        + " hot_since = CASE WHEN node_id = ? THEN clock_timestamp() END, claim_after = NULL WHERE cluster = ?";
    // The demoted node waits one of its own leases before it may claim again: a cold node gets the turn.
    demote = "UPDATE " + nodes + " SET hot = false, hot_since = NULL,"
        + " claim_after = clock_timestamp() + (lease_until - heartbeat_at) WHERE cluster = ? AND hot RETURNING node_id";
  }
}
