package io.rillflow.projections;

import io.rillflow.events.Checkpoint;
import java.time.Instant;

/**
 * Where one projection stands, from {@link ProjectionDaemon#status()}.
 *
 * <pre>{@code
 * for (ProjectionStatus s : store.projections().daemon().status()) {
 *   System.out.println(s.name() + " at " + s.checkpoint().position() + ", lag " + s.lag());
 * }
 * }</pre>
 *
 * @param name the projection's name
 * @param lifecycle inline or async
 * @param checkpoint the last event applied (async), {@link Checkpoint#START} before any
 * @param head the global position of the newest event stored
 * @param lag how many events are stored after the checkpoint (0 for inline projections)
 * @param paused whether the projection is paused
 * @param owner the node that holds the lease, or {@code null}
 * @param epoch the lease's fencing token: raised by every takeover, pause, reset and rebuild
 * @param leaseUntil when the lease ends unless renewed, or {@code null}
 * @param ownedHere whether this store's daemon holds it
 * @param deadLetters how many dead letters it has
 * @param heldBackBy when a transaction that appended to this store and is still open holds the safe point back: its
 *     pid, database, age and current query; else {@code null}
 */
public record ProjectionStatus(String name, ProjectionLifecycle lifecycle, Checkpoint checkpoint, long head, long lag,
    boolean paused, String owner, long epoch, Instant leaseUntil, boolean ownedHere, long deadLetters,
    String heldBackBy) {}
