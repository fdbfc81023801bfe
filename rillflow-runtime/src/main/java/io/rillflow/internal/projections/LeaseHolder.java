package io.rillflow.internal.projections;

import io.rillflow.events.Checkpoint;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.RillflowException;
import io.rillflow.internal.sql.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's hold on one projection's lease: when to try to take it, when to renew it (a third of
 * the lease, so two renewals can fail before it ends), and the fenced transactions the holder writes
 * in. Every write checks the epoch the acquisition set (see {@link ProjectionSql}), so a holder that
 * lost the lease, whatever its clock says, commits nothing. Not thread-safe: its runner serializes
 * calls.
 */
final class LeaseHolder {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseHolder.class);
  /** System.nanoTime() values; NONE when not set (nanoTime may be negative, so 0 will not do). */
  static final long NONE = Long.MIN_VALUE;

  private final String name;
  private final LeaseRows leases;
  private final DataSource dataSource;
  private final long renewEveryNanos;
  private final long acquireEveryNanos;
  private Lease lease;
  private long renewAt;
  private long nextAcquireAt = NONE;

  LeaseHolder(String name, LeaseRows leases, DataSource dataSource, ProjectionOptions options) {
    this.name = name;
    this.leases = leases;
    this.dataSource = dataSource;
    this.renewEveryNanos = renewEveryNanos(options.leaseDuration().toMillis());
    this.acquireEveryNanos = Math.min(options.pollInterval().toNanos(), renewEveryNanos);
  }

  /**
   * How often a lease of {@code leaseMillis} is renewed: a third of it, so two renewals can fail before
   * it ends. Projection leases and cluster heartbeats ({@link ClusterHeartbeat}) keep this one cadence.
   */
  static long renewEveryNanos(long leaseMillis) {
    return leaseMillis * 1_000_000L / 3;
  }

  boolean held() {
    return lease != null;
  }

  /** Tries to take the lease unless a try was made too recently; the lease, or {@code null}. */
  Lease acquireIfDue(long now) {
    if (nextAcquireAt != NONE && now - nextAcquireAt < 0) {
      return null;
    }
    return acquire(now);
  }

  /** Tries to take the lease now; the lease, or {@code null} when another node holds it. */
  Lease acquire(long now) {
    nextAcquireAt = now + acquireEveryNanos;
    Lease acquired = leases.acquire(name);
    if (acquired == null) {
      return null;
    }
    lease = acquired;
    renewAt = now + renewEveryNanos;
    LOG.info("Projection {}: acquired by {} at epoch {}, from {}", name, leases.owner(), acquired.epoch(),
        acquired.checkpoint());
    return acquired;
  }

  /** Renews the lease when a renewal is due; {@code false} when it was lost. */
  boolean renewIfDue(long now) {
    return now - renewAt < 0 || renew(now);
  }

  /** Renews the lease (which checks the epoch); {@code false} when it was lost. */
  boolean renew(long now) {
    if (leases.renew(name, lease.epoch())) {
      renewAt = now + renewEveryNanos;
      return true;
    }
    lost();
    return false;
  }

  /** Forgets the lease: another node or an admin action fenced this one off. */
  void lost() {
    if (lease != null) {
      LOG.info("Projection {}: lease at epoch {} lost by {}", name, lease.epoch(), leases.owner());
    }
    lease = null;
    nextAcquireAt = NONE;
  }

  /** Gives the lease up (graceful stop). */
  void release() {
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

  /** In {@code connection}'s transaction: moves the checkpoint if the lease is still held, and locks the row. */
  void checkpoint(Connection connection, Checkpoint to) throws SQLException {
    leases.checkpoint(connection, name, lease.epoch(), to);
  }

  /** In {@code connection}'s transaction: checks (and locks) the lease without moving the checkpoint. */
  void fence(Connection connection) throws SQLException {
    leases.fence(connection, name, lease.epoch());
  }

  /**
   * Records a failed try for whoever holds the projection next.
   *
   * @throws LeaseLostException when the lease was lost
   */
  void recordFailure(long position, int attempts) {
    if (!leases.recordFailure(name, lease.epoch(), position, attempts)) {
      throw new LeaseLostException(name, lease.epoch());
    }
  }

  /** Runs {@code work} in one transaction on a connection of its own; commits when it returns. */
  void inTransaction(String what, Transaction.Work<Void, RuntimeException> work) {
    try (Connection connection = dataSource.getConnection()) {
      Transaction.run(connection, work);
    } catch (SQLException e) {
      throw new RillflowException("Projection " + name + " could not " + what + ": " + e.getMessage(), e);
    }
  }
}
