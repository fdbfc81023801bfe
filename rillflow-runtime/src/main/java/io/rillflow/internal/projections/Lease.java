package io.rillflow.internal.projections;

import io.rillflow.Checkpoint;

/**
 * A lease this node holds on a projection's row.
 *
 * @param epoch the fencing token the acquisition set; every write of the holder checks it
 * @param checkpoint the projection's checkpoint when it was acquired
 */
record Lease(long epoch, Checkpoint checkpoint) {}
