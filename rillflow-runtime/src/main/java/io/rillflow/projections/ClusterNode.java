package io.rillflow.projections;

import java.time.Duration;
import java.time.Instant;

/**
 * One node of a daemon cluster as a {@link ClusterStatus} saw it.
 *
 * @param nodeId the node's id ({@link ProjectionOptions#nodeId()})
 * @param hot in hotcold mode, whether it holds the hot flag; in distributed mode, whether it is live
 * @param live whether its heartbeat lease has not ended
 * @param heartbeatAge how long ago it last heartbeat
 * @param leaseRemaining how long until its lease ends (negative once it has)
 * @param heartbeatAt when it last heartbeat (the database's clock)
 * @param leaseUntil when its lease ends unless renewed (the database's clock)
 */
public record ClusterNode(String nodeId, boolean hot, boolean live, Duration heartbeatAge, Duration leaseRemaining,
    Instant heartbeatAt, Instant leaseUntil) {}
