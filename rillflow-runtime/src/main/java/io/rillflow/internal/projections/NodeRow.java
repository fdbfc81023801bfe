package io.rillflow.internal.projections;

import io.rillflow.projections.ClusterMode;
import java.time.Instant;

/**
 * One row of {@code rf_daemon_nodes} as read, with its heartbeat age and remaining lease measured on
 * the database's clock at the read.
 */
record NodeRow(String cluster, String nodeId, ClusterMode mode, boolean hot, int minColdStandbys, Instant heartbeatAt,
    Instant leaseUntil, long ageNanos, long remainingNanos) {}
