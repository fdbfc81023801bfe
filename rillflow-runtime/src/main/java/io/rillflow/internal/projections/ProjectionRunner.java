package io.rillflow.internal.projections;

import io.rillflow.Checkpoint;
import io.rillflow.EventDeserializationException;
import io.rillflow.EventEnvelope;
import io.rillflow.ProjectionOptions;
import io.rillflow.RillflowException;
import io.rillflow.UnknownEventTypeException;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.events.GlobalRow;
import io.rillflow.internal.sql.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one async projection on this node: holds its lease, reads the next batch in global order
 * below the safe point, applies it and commits the read model with the checkpoint, and deals with
 * failing events. Every public step is synchronized: the daemon's thread and a caller of
 * {@code runUntilIdle()} may both drive it.
 *
 * <p><b>A batch</b> is one transaction: the checkpoint write first (it checks the epoch and locks the
 * row, see {@link ProjectionSql}), then every event (or the projection's own
 * {@link io.rillflow.Projection#applyBatch}), then the session's writes, then commit. When an event
 * throws, the transaction is rolled back whole; the events before it are applied again in a
 * transaction of their own, and the failing one is tried again after a backoff (the next read
 * starts at it), or, after the last try, written to the dead letters with the checkpoint past it.
 * When the failing event is not known (a batch-wise projection, or the session's writes failed),
 * the batch is applied one event at a time to find it. A row that cannot be decoded (bad JSON, an upcast that throws, an unknown type the store
 * does not skip) fails like an event that throws, so it too ends in the dead letters instead of
 * stopping the projection; rows of types the store skips only move the checkpoint. Tries are
 * counted on the projection's row as well, so a node that takes over goes on counting.
 */
final class ProjectionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionRunner.class);

  private final RegisteredProjection registered;
  private final boolean batchWise;
  private final String name;
  private final DefaultEventStore events;
  private final DataSource dataSource;
  private final LeaseRows leases;
  private final DeadLetterRows deadLetters;
  private final SessionOpener sessions;
  private final ProjectionOptions options;
  private final ProjectionMetrics metrics;

  private Lease lease;
  private Checkpoint checkpoint = Checkpoint.START;
  /** System.nanoTime() values; NONE when not set (nanoTime may be negative, so 0 will not do). */
  private static final long NONE = Long.MIN_VALUE;
  private long renewAt;
  private long nextAcquireAt = NONE;
  private long retryAt = NONE;
  private long failingPosition = -1;
  private int failingAttempts;
  /** Events applied or dead-lettered by this runner, for {@link #step()}'s count. */
  private long handled;
  private static final long LAG_INTERVAL_NANOS = 1_000_000_000L;
  private long lagMeasuredAt = System.nanoTime() - LAG_INTERVAL_NANOS;

  ProjectionRunner(RegisteredProjection registered, DefaultEventStore events, DataSource dataSource, LeaseRows leases,
      DeadLetterRows deadLetters, SessionOpener sessions, ProjectionOptions options, ProjectionMetrics metrics) {
    this.registered = registered;
    this.batchWise = registered.batchWise();
    this.name = registered.name();
    this.events = events;
    this.dataSource = dataSource;
    this.leases = leases;
    this.deadLetters = deadLetters;
    this.sessions = sessions;
    this.options = options;
    this.metrics = metrics;
  }

  String name() {
    return name;
  }

  synchronized boolean owned() {
    return lease != null;
  }

  /**
   * One step of the background loop: take or renew the lease when due, then apply one batch unless
   * waiting out a backoff.
   *
   * @return whether it applied or gave up on anything (so there may be more to do at once)
   */
  synchronized boolean tick(long now, boolean checkRequeued) {
    if (lease == null) {
      if ((nextAcquireAt != NONE && now - nextAcquireAt < 0) || !tryAcquire(now)) {
        return false;
      }
    } else if (now - renewAt >= 0 && !renew(now)) {
      return false;
    }
    if (retryAt != NONE && now - retryAt < 0) {
      return false;
    }
    try {
      long done = checkRequeued ? applyRequeued() : 0;
      return step().progressed() || done > 0;
    } catch (LeaseLostException e) {
      lost();
      return false;
    }
  }

  /**
   * Applies everything below the safe point, on the calling thread, waiting out backoffs; takes the
   * lease first (again, once, if an admin action or a takeover fenced it off meanwhile).
   *
   * @return how many events were applied
   */
  synchronized long drain() {
    long applied = 0;
    for (int tries = 0; tries < 2; tries++) {
      // A renewal checks the epoch: a node whose checkpoint is at the head would otherwise not see
      // that a reset or rebuild fenced it off until it next had events to write.
      if (lease != null && !renew(System.nanoTime())) {
        continue;
      }
      if (lease == null && !tryAcquire(System.nanoTime())) {
        return applied;
      }
      try {
        applyRequeued();
        while (true) {
          long wait = retryAt == NONE ? 0 : retryAt - System.nanoTime();
          if (wait > 0) {
            sleep(wait);
          }
          Step stepped = step();
          applied += stepped.handled();
          if (stepped.idle()) {
            return applied;
          }
        }
      } catch (LeaseLostException e) {
        lost();
      }
    }
    return applied;
  }

  /** Gives the lease up (graceful stop). */
  synchronized void release() {
    if (lease != null) {
      try {
        leases.release(name, lease.epoch());
      } catch (RuntimeException e) {
        LOG.warn("Could not release projection {}; it will be taken over when its lease ends", name, e);
      }
      lease = null;
    }
    nextAcquireAt = NONE;
  }

  private boolean tryAcquire(long now) {
    nextAcquireAt = now + Math.min(options.pollInterval().toNanos(), options.leaseDuration().toNanos() / 3);
    Lease acquired = leases.acquire(name);
    if (acquired == null) {
      return false;
    }
    lease = acquired;
    checkpoint = acquired.checkpoint();
    renewAt = now + options.leaseDuration().toNanos() / 3;
    // Earlier holders' tries of the event after the checkpoint count: the takeover goes on from them.
    failingPosition = acquired.failingPosition();
    failingAttempts = acquired.failingAttempts();
    retryAt = NONE;
    LOG.info("Projection {}: acquired by {} at epoch {}, from {}", name, leases.owner(), acquired.epoch(), checkpoint);
    return true;
  }

  private boolean renew(long now) {
    if (leases.renew(name, lease.epoch())) {
      renewAt = now + options.leaseDuration().toNanos() / 3;
      return true;
    }
    lost();
    return false;
  }

  private void lost() {
    if (lease != null) {
      LOG.info("Projection {}: lease at epoch {} lost by {}", name, lease.epoch(), leases.owner());
    }
    lease = null;
    nextAcquireAt = NONE;
  }

  /**
   * What one step did.
   *
   * @param handled events applied or given up on
   * @param idle nothing was read: the projection is at the safe point
   * @param backingOff it stopped at a failing event to wait out a backoff
   */
  private record Step(long handled, boolean idle, boolean backingOff) {
    boolean progressed() {
      return !idle && (!backingOff || handled > 0);
    }
  }

  /** Reads and applies one batch. */
  private Step step() {
    long start = System.nanoTime();
    List<GlobalRow> rows = events.readRows(checkpoint, options.batchSize());
    if (rows.isEmpty()) {
      metrics.lag.set(0);
      return new Step(0, true, false);
    }
    long before = handled;
    boolean complete = applyRows(rows);
    metrics.batches.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    if (rows.size() < options.batchSize()) {
      metrics.lag.set(0);
    } else if (System.nanoTime() - lagMeasuredAt >= LAG_INTERVAL_NANOS) {
      // A gauge, not a per-batch figure: reading the head once a second spares catch-up a round trip per batch.
      lagMeasuredAt = System.nanoTime();
      metrics.lag.set(Math.max(0, events.head() - checkpoint.position()));
    }
    return new Step(handled - before, false, !complete);
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
      moveCheckpoint(last);
    }
    return true;
  }

  /** Applies the events in order; {@code false} when it stopped at a failing event to back off. */
  private boolean apply(List<EventEnvelope<?>> batch) {
    ProjectionFailed failure = transaction(batch);
    if (failure == null) {
      checkpoint = batch.get(batch.size() - 1).checkpoint();
      handled += batch.size();
      metrics.applied.increment(batch.size());
      failingPosition = -1;
      return true;
    }
    int index = failure.index >= 0 ? failure.index : batch.size() == 1 ? 0 : -1;
    if (index < 0) {
      // Which event failed is not known (the projection works per batch, or the session's writes
      // failed): apply them one at a time to find it.
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

  /**
   * One transaction: checkpoint (fenced), the projection's batch, the session's writes; commits and
   * returns {@code null}, or rolls back and returns what failed.
   */
  private ProjectionFailed transaction(List<EventEnvelope<?>> batch) {
    try {
      inTransaction("apply a batch", connection -> {
        leases.checkpoint(connection, name, lease.epoch(), batch.get(batch.size() - 1).checkpoint());
        applyIn(connection, batch);
        return null;
      });
    } catch (ProjectionFailed e) {
      return e;
    }
    batch.forEach(event -> ApplyTrace.record(name, event));
    return null;
  }

  /** Moves the checkpoint alone, in a fenced transaction of its own. */
  private void moveCheckpoint(Checkpoint to) {
    inTransaction("move its checkpoint", connection -> {
      leases.checkpoint(connection, name, lease.epoch(), to);
      return null;
    });
    checkpoint = to;
  }

  /**
   * Runs the projection on {@code batch} in the connection's transaction, and the session's writes;
   * what fails comes out as {@link ProjectionFailed}.
   */
  private void applyIn(Connection connection, List<EventEnvelope<?>> batch) {
    TransactionContext context = new TransactionContext(name, sessions.schema(), connection, sessions);
    if (batchWise) {
      try {
        registered.projection().applyBatch(batch, context);
      } catch (Exception e) {
        throw new ProjectionFailed(-1, e);
      }
    } else {
      for (int i = 0; i < batch.size(); i++) {
        try {
          registered.projection().apply(batch.get(i), context);
        } catch (Exception e) {
          throw new ProjectionFailed(i, e);
        }
      }
    }
    try {
      context.flush();
    } catch (RuntimeException e) {
      throw new ProjectionFailed(-1, e);
    }
  }

  /**
   * What the projection threw, carried out of its transaction so that the transaction rolls back.
   * {@code index} is the failing event's place in the batch, {@code -1} when not known.
   */
  private static final class ProjectionFailed extends RuntimeException {
    final int index;

    ProjectionFailed(int index, Exception cause) {
      super(cause);
      this.index = index;
    }

    Exception error() {
      return (Exception) getCause();
    }
  }

  /** Runs {@code work} in one transaction on a connection of its own; commits when it returns. */
  private void inTransaction(String what, Transaction.Work<Void, RuntimeException> work) {
    try (Connection connection = dataSource.getConnection()) {
      Transaction.run(connection, work);
    } catch (SQLException e) {
      throw new RillflowException("Projection " + name + " could not " + what + ": " + e.getMessage(), e);
    }
  }

  /** Counts a failed try; after the last one dead-letters the event. {@code true} when it was dead-lettered. */
  private boolean failed(GlobalRow event, Exception error) {
    if (failingPosition != event.position()) {
      failingPosition = event.position();
      failingAttempts = 0;
    }
    failingAttempts++;
    metrics.failures.increment();
    if (failingAttempts < options.maxAttempts()) {
      if (!leases.recordFailure(name, lease.epoch(), event.position(), failingAttempts)) {
        throw new LeaseLostException(name, lease.epoch());
      }
      long backoff = options.retryBackoff().toNanos() << Math.min(failingAttempts - 1, 20);
      retryAt = System.nanoTime() + backoff;
      LOG.warn("Projection {}: try {} of {} failed on {} at position {}; retrying in {} ms", name, failingAttempts,
          options.maxAttempts(), event.type(), event.position(), backoff / 1_000_000, error);
      return false;
    }
    inTransaction("write a dead letter", connection -> {
      leases.checkpoint(connection, name, lease.epoch(), event.checkpoint());
      deadLetters.insert(connection, name, event, failingAttempts, error);
      return null;
    });
    LOG.error("Projection {}: gave up on {} at position {} of stream {} after {} tries; it is in the dead letters",
        name, event.type(), event.position(), event.streamId(), failingAttempts, error);
    checkpoint = event.checkpoint();
    handled++;
    metrics.deadLetters.increment();
    failingPosition = -1;
    retryAt = NONE;
    return true;
  }

  /** Applies the requeued dead letters, each in its own fenced transaction; deletes those that now succeed. */
  private long applyRequeued() {
    long done = 0;
    for (DeadLetterRows.Requeued letter : deadLetters.requeued(name)) {
      Exception error = null;
      try {
        EventEnvelope<?> event = events.readAt(letter.position());
        inTransaction("apply dead letter " + letter.id(), connection -> {
          leases.fence(connection, name, lease.epoch());
          if (event != null) {
            applyIn(connection, List.of(event));
          }
          deadLetters.delete(connection, letter.id());
          return null;
        });
        done++;
        metrics.applied.increment();
      } catch (EventDeserializationException | UnknownEventTypeException e) {
        error = e; // still undecodable: it stays a dead letter
      } catch (ProjectionFailed e) {
        error = e.error();
      }
      if (error != null) {
        metrics.failures.increment();
        LOG.warn("Projection {}: requeued dead letter {} (position {}) failed again", name, letter.id(),
            letter.position(), error);
        deadLetters.requeueFailed(letter.id(), error);
      }
    }
    return done;
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
