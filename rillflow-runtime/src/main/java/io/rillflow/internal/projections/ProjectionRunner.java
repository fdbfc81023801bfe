package io.rillflow.internal.projections;

import io.rillflow.spi.RegisteredProjection;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.RillflowException;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.events.GlobalRow;
import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.internal.tracing.TracedWork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one async projection on this node: through its {@link LeaseHolder}, takes the next batch in
 * global order below the safe point from the daemon's {@link SharedReads} (read once for every
 * projection at the same checkpoint), has the {@link BatchApplier} apply it with the checkpoint in
 * one transaction, and follows the {@link FailurePolicy} for failing events. Every public step is
 * synchronized: a thread of the daemon's pool and a caller of {@code runUntilIdle()} may both drive it.
 *
 * <p>When an event throws, its batch's transaction is rolled back whole; the events before it are
 * applied again in a transaction of their own, and the failing one is tried again after a backoff
 * (the next read starts at it), or, after the last try, written to the dead letters with the
 * checkpoint past it. When the failing event is not known (a batch-wise projection, or the session's
 * writes failed), the batch is applied one event at a time to find it. A row that cannot be decoded
 * (bad JSON, an upcast that throws, an unknown type the store does not skip) fails like an event that
 * throws; rows of types the store skips only move the checkpoint.
 */
final class ProjectionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionRunner.class);
  private static final long LAG_INTERVAL_NANOS = 1_000_000_000L;

  private final String name;
  private final DefaultEventStore events;
  /** Where batches come from: the daemon's reads, shared with the projections at the same checkpoint. */
  private final SharedReads reads;
  private final DeadLetterRows deadLetters;
  private final ProjectionOptions options;
  private final ProjectionMetrics metrics;
  private final LeaseHolder lease;
  private final FailurePolicy failures;
  private final BatchApplier applier;
  private final StoreTracing tracing;
  private final RequeuedLetters requeued;

  private Checkpoint checkpoint = Checkpoint.START;
  /** Events applied or dead-lettered by this runner, for {@link #step()}'s count. */
  private long handled;
  private long lagMeasuredAt = System.nanoTime() - LAG_INTERVAL_NANOS;
  /** Lease phases the current drain has begun, and whether one is under way (see {@link #drainStep}). */
  private int drainPhases;
  private boolean drainPhaseOpen;

  ProjectionRunner(RegisteredProjection registered, DefaultEventStore events, DataSource dataSource, LeaseRows leases,
      DeadLetterRows deadLetters, SessionOpener sessions, ProjectionOptions options, ProjectionMetrics metrics,
      StoreTracing tracing, SharedReads reads) {
    this.name = registered.name();
    this.events = events;
    this.reads = reads;
    this.deadLetters = deadLetters;
    this.options = options;
    this.metrics = metrics;
    this.lease = new LeaseHolder(name, leases, dataSource, options);
    this.failures = new FailurePolicy(options);
    this.applier = new BatchApplier(registered, sessions, lease);
    this.tracing = tracing;
    this.requeued = new RequeuedLetters(name, events, deadLetters, lease, applier, metrics);
  }

  String name() {
    return name;
  }

  synchronized boolean owned() {
    return lease.held();
  }

  /**
   * One step of the background loop: take or renew the lease when due, then apply one batch unless
   * waiting out a backoff.
   *
   * @return whether it applied or gave up on anything (so there may be more to do at once)
   */
  synchronized boolean tick(long now, boolean checkRequeued) {
    if (!lease.held()) {
      Lease acquired = lease.acquireIfDue(now);
      if (acquired == null) {
        return false;
      }
      resume(acquired);
    } else if (!lease.renewIfDue(now)) {
      return false;
    }
    if (failures.backingOff(now)) {
      return false;
    }
    try {
      long done = checkRequeued ? requeued.apply() : 0;
      return step().progressed() || done > 0;
    } catch (LeaseLostException e) {
      lease.lost();
      return false;
    }
  }

  /**
   * What one step of a drain did.
   *
   * @param applied events applied or given up on
   * @param done the drain is over: everything below the safe point is applied, or the lease is not to be had
   */
  record DrainStep(long applied, boolean done) {}

  /**
   * One batch of a drain: everything below the safe point applied, on the calling thread, waiting out
   * backoffs, after taking the lease (again, once, if an admin action or a takeover fenced it off
   * meanwhile). In steps, so that the daemon drains every projection in rounds, one batch of each per
   * round, and projections at the same checkpoint share the round's read ({@code runUntilIdle()}).
   *
   * @param first the drain's first step: it renews the lease and applies the requeued dead letters
   */
  synchronized DrainStep drainStep(boolean first) {
    if (first) {
      drainPhases = 0;
      drainPhaseOpen = false;
    }
    try {
      while (!drainPhaseOpen) {
        // At most two phases: a renewal that finds the lease fenced off, or a lease lost mid-drain,
        // earns one more acquisition.
        if (drainPhases >= 2) {
          return new DrainStep(0, true);
        }
        drainPhases++;
        // A renewal checks the epoch: a node whose checkpoint is at the head would otherwise not see
        // that a reset or rebuild fenced it off until it next had events to write.
        if (lease.held() && !lease.renew(System.nanoTime())) {
          continue;
        }
        if (!lease.held()) {
          Lease acquired = lease.acquire(System.nanoTime());
          if (acquired == null) {
            return new DrainStep(0, true);
          }
          resume(acquired);
        }
        requeued.apply();
        drainPhaseOpen = true;
      }
      long wait = failures.waitNanos(System.nanoTime());
      if (wait > 0) {
        sleep(wait);
      }
      Step stepped = step();
      return new DrainStep(stepped.handled(), stepped.idle() || stepped.reachedSafePoint());
    } catch (LeaseLostException e) {
      lease.lost();
      drainPhaseOpen = false;
      return new DrainStep(0, false);
    }
  }

  /** Gives the lease up (graceful stop). */
  synchronized void release() {
    lease.release();
  }

  private void resume(Lease acquired) {
    checkpoint = acquired.checkpoint();
    // Earlier holders' tries of the event after the checkpoint count: the takeover goes on from them.
    failures.resume(acquired);
  }

  /**
   * What one step did.
   *
   * @param handled events applied or given up on
   * @param idle nothing was read: the projection is at the safe point
   * @param backingOff it stopped at a failing event to wait out a backoff
   * @param atSafePoint its batch came back short and uncut: the read reached a safe point it had just
   *     read (see {@code EventReads.readRows} and {@link SharedReads.Batch}), so there was nothing more below it
   */
  private record Step(long handled, boolean idle, boolean backingOff, boolean atSafePoint) {
    boolean progressed() {
      return !idle && (!backingOff || handled > 0);
    }

    /** Whether every row up to the safe point is handled: a further read now would come back empty. */
    boolean reachedSafePoint() {
      return atSafePoint && !backingOff;
    }
  }

  /** Reads and applies one batch. */
  private Step step() {
    long start = System.nanoTime();
    SharedReads.Batch batch = reads.after(checkpoint);
    List<GlobalRow> rows = batch.rows();
    if (rows.isEmpty()) {
      metrics.lag.set(0);
      return new Step(0, true, false, true);
    }
    long before = handled;
    boolean complete = applyRows(rows);
    metrics.batches.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    boolean atSafePoint = batch.atSafePoint(options.batchSize());
    if (atSafePoint) {
      metrics.lag.set(0);
    } else if (System.nanoTime() - lagMeasuredAt >= LAG_INTERVAL_NANOS) {
      // A gauge, not a per-batch figure: reading the head once a second spares catch-up a round trip per batch.
      lagMeasuredAt = System.nanoTime();
      metrics.lag.set(Math.max(0, events.head() - checkpoint.position()));
    }
    return new Step(handled - before, false, !complete, atSafePoint);
  }

  /**
   * Applies a batch's rows in order: each run of decoded events as in {@link #apply(List)}, a row
   * that cannot be decoded as an event that fails every try, and rows of skipped types by moving the
   * checkpoint past them. {@code false} when it stopped at a failing event to back off.
   */
  private boolean applyRows(List<GlobalRow> rows) {
    List<EventEnvelope<?>> run = new ArrayList<>();
    for (GlobalRow row : rows) {
      if (row.event() != null) {
        run.add(row.event());
      } else if (row.failure() != null) {
        if (!run.isEmpty() && !apply(run)) {
          return false;
        }
        run = new ArrayList<>();
        if (!failed(row, row.failure())) {
          return false;
        }
      }
    }
    if (!run.isEmpty() && !apply(run)) {
      return false;
    }
    Checkpoint last = rows.get(rows.size() - 1).checkpoint();
    if (!last.equals(checkpoint)) {
      // The batch ended with rows of skipped types: without this the next read would return them again.
      lease.inTransaction("move its checkpoint", connection -> {
        lease.checkpoint(connection, last);
        return null;
      });
      checkpoint = last;
    }
    return true;
  }

  /** Applies the events in order; {@code false} when it stopped at a failing event to back off. */
  private boolean apply(List<EventEnvelope<?>> batch) {
    BatchApplier.Failed failure;
    // The span continues the trace the batch's first event was appended in (its traceparent header).
    try (TracedWork span = tracing.batch(name, batch)) {
      failure = applier.apply(batch);
      if (failure != null) {
        span.failed(failure.error());
      }
    }
    if (failure == null) {
      checkpoint = batch.get(batch.size() - 1).checkpoint();
      handled += batch.size();
      metrics.applied.increment(batch.size());
      failures.cleared();
      return true;
    }
    int index = failure.index >= 0 ? failure.index : batch.size() == 1 ? 0 : -1;
    if (index < 0) {
      // Which event failed is not known: apply them one at a time to find it.
      for (EventEnvelope<?> event : batch) {
        if (!apply(List.of(event))) {
          return false;
        }
      }
      return true;
    }
    if (index > 0 && !apply(batch.subList(0, index))) {
      return false;
    }
    if (!failed(GlobalRow.of(batch.get(index)), failure.error())) {
      return false;
    }
    return index + 1 >= batch.size() || apply(batch.subList(index + 1, batch.size()));
  }

  /** Counts a failed try; after the last one dead-letters the event. {@code true} when it was dead-lettered. */
  private boolean failed(GlobalRow event, Exception error) {
    int attempts = failures.failed(event.position());
    metrics.failures.increment();
    if (!failures.exhausted()) {
      lease.recordFailure(event.position(), attempts);
      long backoff = failures.backOff(System.nanoTime());
      LOG.warn("Projection {}: try {} of {} failed on {} at position {}; retrying in {} ms", name, attempts,
          failures.maxAttempts(), event.type(), event.position(), backoff / 1_000_000, error);
      return false;
    }
    lease.inTransaction("write a dead letter", connection -> {
      lease.checkpoint(connection, event.checkpoint());
      deadLetters.insert(connection, name, event, attempts, error);
      return null;
    });
    LOG.error("Projection {}: gave up on {} at position {} of stream {} after {} tries; it is in the dead letters",
        name, event.type(), event.position(), event.streamId(), attempts, error);
    checkpoint = event.checkpoint();
    handled++;
    metrics.deadLetters.increment();
    failures.cleared();
    return true;
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RillflowException("Interrupted while waiting to retry a projection", e);
    }
  }
}
