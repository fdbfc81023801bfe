package io.rillflow.internal.events;

import io.rillflow.events.Checkpoint;
import io.rillflow.internal.sql.ConnectionScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projection daemon's global reads on a read replica ({@code daemonReadsReplica}), falling back to
 * the primary: a page of rows below a safe point read on the replica only once the replica has
 * replayed far enough to show every event below it.
 *
 * <p><b>Why that is enough.</b> The safe point S is read on the primary, and then, in a later statement
 * on the same connection, the primary's WAL insert position L ({@link StoreSafePoint}): every
 * transaction with a ticket below S had ended before S was read, so its commit record lies before L.
 * On the replica, in one connection, this class first reads {@code pg_last_wal_replay_lsn()} and, when
 * it is at least L, reads the page in a later statement: that statement's snapshot shows every commit
 * replayed before it, so every event below S that the primary shows. Replay only moves forward while
 * the server runs, and both statements run on one connection, so a restart in between cannot undo it.
 * While replay is short of L, it asks again every {@value #POLL_MILLIS} ms up to the wait, then the page
 * is read on the primary: the read is late at most by the wait, and never passes an event.
 *
 * <p><b>Hazards.</b> A replica that cannot be reached costs a pool's connection timeout once, then is
 * left alone for {@link #RETRY_AFTER} (reads go to the primary). A replica that hangs (frozen, no
 * socket timeout) hangs the read. A server that is not in recovery (a promoted replica) answers
 * {@code null} for its replay position and is never read: it may have diverged from the primary.
 */
final class ReplicaRows {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaRows.class);
  private static final String REPLAYED = "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint";
  private static final long POLL_MILLIS = 10;
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  /** A page of rows read on a connection: the same SQL as on the primary. */
  @FunctionalInterface
  interface Page {
    List<GlobalRow> read(Connection connection, Checkpoint after, long safePoint, int limit) throws SQLException;
  }

  private final ConnectionScope replica;
  private final long waitNanos;
  private final StoreSafePoint safePoint;
  /** {@link System#nanoTime()} before which the replica is not asked again; guarded by {@code this}. */
  private long downUntil;
  private boolean down;

  ReplicaRows(ConnectionScope replica, Duration wait, StoreSafePoint safePoint) {
    this.replica = replica;
    this.waitNanos = wait.toNanos();
    this.safePoint = safePoint;
  }

  /**
   * Up to {@code limit} rows after {@code after} below {@code below} (a safe point read on the primary),
   * on the replica when it has replayed far enough, else on the primary through {@code primary}.
   */
  List<GlobalRow> read(Checkpoint after, long below, int limit, Page page, PrimaryPage primary) {
    // Read now, so it covers below (which came from a read that is done) and maybe a little more.
    long lsn = safePoint.lsnCoveringKnown();
    if (lsn >= 0 && !resting()) {
      try {
        List<GlobalRow> rows = replica.statement(connection -> replayedTo(connection, lsn)
            ? page.read(connection, after, below, limit) : null);
        recovered();
        if (rows != null) {
          return rows;
        }
      } catch (SQLException | RuntimeException e) {
        rest(e);
      }
    }
    return primary.read(after, below, limit);
  }

  /** The primary's page, as {@link EventReads} reads it. */
  @FunctionalInterface
  interface PrimaryPage {
    List<GlobalRow> read(Checkpoint after, long safePoint, int limit);
  }

  /** Whether the replica has replayed up to {@code lsn}, waiting for it up to the wait. */
  private boolean replayedTo(Connection connection, long lsn) throws SQLException {
    long deadline = System.nanoTime() + waitNanos;
    try (PreparedStatement statement = connection.prepareStatement(REPLAYED)) {
      while (true) {
        try (ResultSet row = statement.executeQuery()) {
          row.next();
          long replayed = row.getLong(1);
          if (!row.wasNull() && replayed >= lsn) {
            return true;
          }
        }
        if (System.nanoTime() - deadline >= 0) {
          return false;
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  private synchronized boolean resting() {
    return down && System.nanoTime() - downUntil < 0;
  }

  private synchronized void rest(Exception e) {
    if (!down) {
      LOG.warn("The projection daemon cannot read events on the read replica; reading them on the primary, trying"
          + " the replica again every {} s: {}", RETRY_AFTER.toSeconds(), e.getMessage());
    }
    down = true;
    downUntil = System.nanoTime() + RETRY_AFTER.toNanos();
  }

  private synchronized void recovered() {
    if (down) {
      LOG.info("The projection daemon reads events on the read replica again");
      down = false;
    }
  }
}
