package io.rillflow.projections;

import io.rillflow.events.Checkpoint;
import java.util.List;

/**
 * Runs the store's {@link ProjectionLifecycle#ASYNC async} projections: reads events in global order
 * up to the safe point (never past an event an open transaction may still commit, see
 * {@link Checkpoint}), a batch at a time, and commits each batch's read-model changes and the new
 * checkpoint in one transaction.
 *
 * <pre>{@code
 * ProjectionDaemon daemon = store.projections().daemon();
 * daemon.start();                 // background: wakes on LISTEN/NOTIFY, polls as a fallback
 * ...
 * daemon.stop();                  // finishes the batch in flight and releases the leases
 *
 * daemon.runUntilIdle();          // or, in tests and jobs: catch up on the calling thread
 * }</pre>
 *
 * <p><b>Several nodes.</b> Each projection is held by one daemon at a time through a lease row
 * ({@code rf_projections}) with an epoch, a fencing token that every takeover raises. Every
 * checkpoint write checks the epoch in the same transaction as the read model, so a daemon that
 * lost its lease (expired while it paused, or taken over) can never commit: each event is applied
 * once. A holder that dies is replaced once its lease expires.
 *
 * <p><b>Failures.</b> A failing event is retried with backoff; after the last try it goes to the
 * dead letters (see {@link Projections#deadLetters(String)}) and the projection goes on.
 */
public interface ProjectionDaemon extends AutoCloseable {

  /** Starts the background thread. Idempotent. */
  void start();

  /** Finishes the batch in flight, stops, and releases the leases this daemon holds. Idempotent. */
  void stop();

  /** Whether the background thread runs. */
  boolean isRunning();

  /**
   * Applies, on the calling thread, every event below the safe point to each async projection this
   * daemon holds or can take, then returns. Projections held by another node are left to it.
   *
   * @return how many events were applied
   */
  long runUntilIdle();

  /**
   * One step of each async projection, on the calling thread: takes its lease when free, then applies
   * at most one batch (and the dead letters requeued for it). For operators and jobs that advance
   * projections by hand; projections held by another node are left to it.
   *
   * @return the names of the projections that applied or gave up on an event
   */
  List<String> runOnce();

  /**
   * One step of one async projection, as {@link #runOnce()} takes for each.
   *
   * @return whether it applied or gave up on an event
   * @throws IllegalArgumentException when no async projection has that name (the message lists them)
   */
  boolean runOnce(String projection);

  /**
   * Clears the projection's read model ({@link Projection#clear(ProjectionContext)}), moves its
   * checkpoint to the start and drops its dead letters, in one transaction that also raises the
   * epoch: whoever held it stops, and the next holder replays every event.
   */
  void rebuild(String projection);

  /**
   * Moves the projection's checkpoint (without touching its read model), raising the epoch as
   * {@link #rebuild(String)} does.
   */
  void reset(String projection, Checkpoint checkpoint);

  /** Stops applying events to the projection, on every node, from when this returns. */
  void pause(String projection);

  /** Lets the projection run again. */
  void resume(String projection);

  /**
   * Where each projection stands: the registered ones in registration order, then, by name, every
   * projection this store does not register that has a checkpoint row in the schema (another
   * application version's, or every one when the store was built without the application's classes).
   */
  List<ProjectionStatus> status();

  /** {@link #stop()}. */
  @Override
  void close();
}
