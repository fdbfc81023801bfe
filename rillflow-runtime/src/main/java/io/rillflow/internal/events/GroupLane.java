package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import io.rillflow.events.AppendResult;
import io.rillflow.events.GroupAppendOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One lane of group append: a queue of appends to one schema, database or conjoined tenant, written
 * a group at a time, each in one transaction on a connection from the pool, by whichever of the
 * store's {@link GroupWorkers} threads takes the lane. The lane holds no thread: it is handed to the
 * workers when an append arrives and it is not handed already, and after each group it hands itself
 * back if appends still wait, so lanes of many tenants share a bounded set of threads.
 *
 * <p><b>Algorithm.</b> The thread takes the first waiting append, then every append already queued
 * until the group is full; when the queue is empty it waits for more, up to {@code maxDelay} after
 * the first, but only while the group is smaller than the last one (the cohort: writers whose
 * appends were just acknowledged usually append again at once, and a group that waits for them
 * shares one commit instead of starting a half-empty one). With {@code maxDelay} zero it never
 * waits. An append to a stream already in the group is held back for the next group, first in line. It runs the group's statement, asks
 * why for each refused append, commits, and only then completes every caller's outcome: a caller
 * never sees success before its events are committed. When the transaction fails (a killed
 * connection, its timeout, a failed commit) every caller of the group gets the failure, worded by
 * {@link GroupTransaction}.
 *
 * <p><b>Hazards.</b> At most one thread owns a lane at a time (the one that set {@link #handedOver}),
 * so its held-back appends and cohort need no lock, and a group never races another of its lane for a
 * stream; an owner whose hand-over the closed workers refuse fails the held-back appends before it
 * lets go. A caller
 * enqueues while the lane closes: the caller looks at the flag again after enqueueing and takes its
 * own append back out, and a run of a closed lane fails everything waiting, so every append is either
 * written, failed by the lane or failed by its caller. An append is queued while the lane's thread
 * finishes: the thread clears {@link #handedOver} before it looks at the queue a last time, so either
 * it sees the append or the caller hands the lane over again.
 */
final class GroupLane implements Runnable {
  /** How often a lane waiting for company looks whether the store closed. */
  private static final long CLOSE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final GroupTransaction transaction;
  private final GroupAppendOptions options;
  private final GroupWorkers workers;
  /** Whether the store this lane writes for is closed (a tenant's store closes before its root). */
  private final BooleanSupplier storeClosed;
  private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
  /** Appends held back from the last group (their stream was in it); only the lane's thread reads it. */
  private final ArrayDeque<PendingAppend> held = new ArrayDeque<>();
  /** Set while the lane waits for or runs on a worker thread: at most one at a time. */
  private final AtomicBoolean handedOver = new AtomicBoolean();
  /**
   * The size of the last group, whose callers are likely to append again at once: a group stops
   * waiting for company when it has as many. A new lane knows none, so its first group waits out
   * {@code maxDelay} (or fills up). Only the lane's thread reads it.
   */
  private int cohort;

  GroupLane(GroupTransaction transaction, GroupWorkers workers, BooleanSupplier storeClosed) {
    this.transaction = transaction;
    this.options = workers.options();
    this.workers = workers;
    this.storeClosed = storeClosed;
    this.cohort = options.maxGroupSize();
  }

  private boolean closed() {
    return storeClosed.getAsBoolean() || workers.closed();
  }

  /** Queues an append; its outcome completes after its group commits or fails. */
  void offer(PendingAppend pending) {
    if (closed()) {
      pending.outcome.completeExceptionally(closedFailure(pending));
      return;
    }
    queue.add(pending);
    if (closed()) {
      if (queue.remove(pending)) {
        pending.outcome.completeExceptionally(closedFailure(pending));
      }
      return;
    }
    handOver(false);
  }

  /**
   * Has a worker thread run this lane, unless one is about to.
   *
   * @param again whether the lane's own thread, done with a group, hands it back: it takes work next
   *     itself, so no thread is started for this lane
   */
  private void handOver(boolean again) {
    if (handedOver.compareAndSet(false, true)) {
      try {
        if (again) {
          workers.requeue(this);
        } else {
          workers.execute(this);
        }
      } catch (RejectedExecutionException e) {
        // The workers closed: nobody runs this lane again, so what waits fails here. Held-back
        // appends first, while this thread still owns the lane (handedOver is set).
        held.forEach(pending -> pending.outcome.completeExceptionally(closedFailure(pending)));
        held.clear();
        handedOver.set(false);
        failQueued();
      }
    }
  }

  /** Writes one group (or fails what waits, once closed), then hands the lane back if appends wait. */
  @Override
  public void run() {
    boolean more;
    try {
      if (!closed()) {
        List<PendingAppend> group = collect();
        if (!group.isEmpty()) {
          if (closed()) {
            group.forEach(pending -> pending.outcome.completeExceptionally(closedFailure(pending)));
          } else {
            write(group);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (closed()) {
        held.forEach(pending -> pending.outcome.completeExceptionally(closedFailure(pending)));
        held.clear();
        failQueued();
      }
      // Read before letting go: once handedOver is clear another thread may run the lane.
      more = !held.isEmpty();
      handedOver.set(false);
    }
    if (more || !queue.isEmpty()) {
      handOver(true);
    }
  }

  private void failQueued() {
    PendingAppend left;
    while ((left = queue.poll()) != null) {
      left.outcome.completeExceptionally(closedFailure(left));
    }
  }

  private List<PendingAppend> collect() throws InterruptedException {
    List<PendingAppend> group = new ArrayList<>();
    Set<String> streams = new HashSet<>();
    ArrayDeque<PendingAppend> next = new ArrayDeque<>();
    PendingAppend first = held.poll();
    if (first == null) {
      first = queue.poll();
      if (first == null) {
        return group;
      }
    }
    group.add(first);
    streams.add(first.stream());
    long deadline = System.nanoTime() + options.maxDelay().toNanos();
    int max = options.maxGroupSize();
    while (group.size() < max && !closed()) {
      PendingAppend candidate = held.poll();
      if (candidate == null) {
        candidate = queue.poll();
      }
      if (candidate == null) {
        // Nothing queued: wait for company only until the last group's callers are back.
        long left = deadline - System.nanoTime();
        if (group.size() >= cohort || left <= 0) {
          break;
        }
        candidate = queue.poll(Math.min(left, CLOSE_CHECK_NANOS), TimeUnit.NANOSECONDS);
        if (candidate == null) {
          continue;
        }
      }
      if (streams.add(candidate.stream())) {
        group.add(candidate);
      } else {
        next.add(candidate);
      }
    }
    cohort = group.size();
    // Held-back appends go first next time, before what is still in this round's held queue.
    while (!held.isEmpty()) {
      next.add(held.poll());
    }
    held.addAll(next);
    return group;
  }

  private void write(List<PendingAppend> group) {
    Object[] outcomes;
    try {
      outcomes = transaction.run(group);
    } catch (GroupTransaction.Failure failure) {
      group.forEach(pending -> pending.outcome.completeExceptionally(failure.forStream(pending.stream())));
      return;
    } catch (RuntimeException | Error e) {
      // A bug of ours must not leave callers waiting for ever or stop the lane.
      group.forEach(pending -> pending.outcome.completeExceptionally(new RillflowException("Cannot append to stream "
          + pending.stream() + "; the group append failed unexpectedly: " + e, e)));
      return;
    }
    // Committed: only now does any caller learn its outcome.
    for (int i = 0; i < group.size(); i++) {
      Object outcome = outcomes[i];
      if (outcome instanceof AppendResult result) {
        group.get(i).outcome.complete(result);
      } else {
        group.get(i).outcome.completeExceptionally((RuntimeException) outcome);
      }
    }
  }

  private static RillflowException closedFailure(PendingAppend pending) {
    return new RillflowException("Cannot append to stream " + pending.stream()
        + "; the store was closed before the append was written, and nothing was written");
  }
}
