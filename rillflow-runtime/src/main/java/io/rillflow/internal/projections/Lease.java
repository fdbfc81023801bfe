package io.rillflow.internal.projections;

import io.rillflow.events.Checkpoint;

/**
 * A lease this node holds on a projection's row.
 *
 * @param epoch the fencing token the acquisition set; every write of the holder checks it
 * @param checkpoint the projection's checkpoint when it was acquired
 * @param failingPosition the position of the event after the checkpoint that earlier holders failed
 *     on, {@code -1} when none
 * @param failingAttempts how many times they tried it
 */
record Lease(long epoch, Checkpoint checkpoint, long failingPosition, int failingAttempts) {}
