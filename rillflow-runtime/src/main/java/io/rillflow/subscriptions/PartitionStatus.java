package io.rillflow.subscriptions;

import io.rillflow.events.Checkpoint;
import java.time.Instant;

/**
 * One partition of a consumer group.
 *
 * @param partition its number, from 0
 * @param checkpoint after which event it continues
 * @param owner the member holding its lease, or {@code null}
 * @param epoch its fencing token: raised at every takeover and admin reset
 * @param leaseUntil when the owner's lease ends (the database's clock), or {@code null}
 * @param lag the head's position minus its checkpoint's position: an upper bound of the events it has
 *     still to deliver
 */
public record PartitionStatus(int partition, Checkpoint checkpoint, String owner, long epoch, Instant leaseUntil,
    long lag) {}
