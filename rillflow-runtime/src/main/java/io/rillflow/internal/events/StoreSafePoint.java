package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import io.rillflow.internal.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Where this store's global reads stop: the safe point, scoped to the store's own appenders. A
 * transaction that never appends to this store (in another database, in another store's schema, a
 * projection daemon's batch) never holds it back. The SQL lives in migration V12
 * ({@code rf_append_ticket()}, {@code rf_appenders()}); this class reads it.
 *
 * <p><b>Algorithm.</b> {@code rf_events.tx_id} holds an ordering <em>ticket</em>, one per appending
 * transaction, and global order is {@code (tx_id, seq_id)}.
 * <ul>
 *   <li>An appender first takes a transaction-level shared advisory lock keyed by the store (it marks
 *       the transaction as an appender until it ends), then its ticket: its own top-level xid when
 *       that xid is assigned only now, after the lock; when the transaction had written before (its
 *       xid may be old), {@code greatest(own xid, xmax of a snapshot taken after the lock)}. Either way
 *       the ticket is at least the appender's xid, and at least the xmax of any snapshot taken before
 *       the lock. The append statement takes the ticket before it writes anything, in a function (a
 *       plain CTE's snapshot predates the locks its own statement takes: the trap).</li>
 *   <li>A reader first reads, in ONE statement, the xids of the lock holders (pg_locks shows the
 *       advisory lock with the holder's virtual transaction; the holder's xid is the
 *       {@code transactionid} lock of the same virtual transaction, read from the same copy of the
 *       lock table) and the statement snapshot's xmax, taken before that copy; the safe point is the
 *       least of them. Only then, in a LATER statement, it reads the events with {@code tx_id} below it.</li>
 * </ul>
 *
 * <p><b>Why an appender that has not yet appended can never commit an event below a reader's
 * checkpoint.</b> Take an appender A with ticket t and a reader whose safe point S was read at time r.
 * If A held the lock at r, with its xid assigned, then S &lt;= xid(A) &lt;= t. If A held the lock with no
 * xid yet, or took the lock after r, its ticket comes from an xid assigned or a snapshot taken after
 * r, so t &gt;= the xmax the reader read &gt;= S (xids and xmax only grow). If A had released the lock
 * before r, it had ended, and ended transactions are visible to the later statement that reads the
 * events (the lock goes after the commit is visible). So every event with a ticket below S is
 * committed, or rolled back, by the time the reader reads, and the reader never moves its checkpoint
 * past an event that could still appear.
 *
 * <p>A holder the copy shows without a {@code transactionid} lock may also be one the server has just
 * given an xid, before its {@code transactionid} lock went into the lock table (the server assigns the
 * xid, then takes that lock): such an xid may be below xmax, so the reader bounds its safe point by its
 * snapshot's xmin while it sees such a holder (V91). That lasts as long as an appender's instant between
 * its lock and its xid; the xmin of a long-running writer anywhere on the server holds back only such reads.
 *
 * <p><b>Liveness.</b> The safe point is at most xmax, which moves only when a transaction id ends. An
 * appender that had written before appending takes {@code greatest(own xid, xmax after its lock)}: when
 * a younger transaction ended first, that is xmax itself, the id no transaction has yet, and when
 * nothing else ends after the appender (its own, older id ends at its commit), xmax stays there and its
 * event below no safe point, however long the server stays quiet. {@code rf_appenders()} (V91) flags
 * exactly that: nothing but xmax holds the safe point back and a committed event has a ticket at it.
 * The reader then completes an id of its own ({@code pg_current_xact_id()} in a statement of its own,
 * committed at once, asynchronously: losing it in a crash loses nothing), which is at least the ticket,
 * and reads again. Only on a connection in autocommit: an id given to a caller's open transaction
 * would end only with it, and would make that transaction one that has written.
 *
 * <p>A safe point, once read, stays safe for ever: so the store keeps the newest one it read, and a
 * reader may read below it without reading a new one (see {@code EventReads.readRows}).
 *
 * <p><b>Hazards.</b> The events must be read in a later statement than the safe point and in READ
 * COMMITTED: a snapshot taken before the safe point (the same statement, or a REPEATABLE READ
 * transaction's) misses events of appenders that commit in between. An appender in a REPEATABLE
 * READ or SERIALIZABLE transaction that has already written cannot get a snapshot newer than its
 * transaction's, so its ticket could fall below a reader's safe point: {@code rf_append_ticket()}
 * refuses it (SQLSTATE 55000, object not in prerequisite state; not 0A000, which HikariCP takes
 * for a broken connection). Whoever appends without the lock (a hand-written insert that sets
 * {@code tx_id}) is unprotected; the column's default takes a ticket, so plain inserts are safe. A
 * transaction that appends and then stays open holds back this store's readers, and only them:
 * {@code status()} names it.
 */
final class StoreSafePoint {
  private static final String INSERT_LSN = "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint";
  /** No WAL position known: nothing may be read on a replica below this safe point. */
  static final long NO_LSN = -1;

  /** Completes a transaction id at once (see "Liveness"): nothing to wait for, nothing to flush. */
  private static final String COMPLETE_AN_ID =
      "SELECT set_config('synchronous_commit', 'off', true), pg_current_xact_id()";

  private final String query;
  private final boolean withLsn;
  /**
   * The newest safe point read (one read once stays safe for ever: whatever had a ticket below it had
   * ended when it was read, so any later statement may read below it), and the newest WAL position
   * read after one. Each part only grows; the position covers every safe point up to the newest,
   * since each was read after its own safe point and is at most the newest.
   */
  private final AtomicReference<Mark> newest;

  private record Mark(long safePoint, long lsn) {
    Mark max(Mark other) {
      return new Mark(Math.max(safePoint, other.safePoint), Math.max(lsn, other.lsn));
    }
  }

  StoreSafePoint(String schema) {
    this(schema, false);
  }

  /**
   * @param withLsn whether each read also reads the server's WAL insert position, after the safe point
   *     and on the same connection, for reads on a replica ({@link ReplicaRows})
   */
  StoreSafePoint(String schema, boolean withLsn) {
    query = "SELECT safe_point::text::bigint, ticket_at_safe_point FROM " + Identifiers.quote(schema)
        + ".rf_appenders() LIMIT 1";
    this.withLsn = withLsn;
    this.newest = new AtomicReference<>(new Mark(0, withLsn ? 0 : NO_LSN));
  }

  /** The newest safe point read so far in this store, 0 before the first. */
  long known() {
    return newest.get().safePoint();
  }

  /**
   * A WAL position of this store's server by which every transaction below {@link #known()} (so below
   * any safe point read so far) had ended: a replica that has replayed up to it shows all of them.
   * {@link #NO_LSN} when this store does not read positions.
   */
  long lsnCoveringKnown() {
    return newest.get().lsn();
  }

  /** Reads the safe point, as a bigint, on the caller's connection (in its own statement). */
  long read(Connection connection) throws SQLException {
    return read(connection, false);
  }

  /**
   * @param own whether the connection is this class's own, so that it may end the transaction it is in
   *     (see "Liveness"); a caller's is moved past a ticket at xmax only in autocommit
   */
  private long read(Connection connection, boolean own) throws SQLException {
    long safePoint;
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      boolean ticketAtSafePoint;
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        safePoint = row.getLong(1);
        ticketAtSafePoint = row.getBoolean(2);
      }
      boolean autoCommit = connection.getAutoCommit();
      if (ticketAtSafePoint && (autoCommit || own)) {
        try (PreparedStatement complete = connection.prepareStatement(COMPLETE_AN_ID)) {
          complete.execute();
        }
        if (!autoCommit) {
          connection.commit(); // a pool handing out connections outside autocommit: the id ends here
        }
        try (ResultSet row = statement.executeQuery()) {
          row.next();
          safePoint = row.getLong(1);
        }
      }
    }
    long lsn = NO_LSN;
    if (withLsn) {
      // A later statement: every transaction below the safe point had ended (its commit record
      // inserted) before that statement read the lock table, so before this position.
      try (PreparedStatement statement = connection.prepareStatement(INSERT_LSN);
          ResultSet row = statement.executeQuery()) {
        row.next();
        lsn = row.getLong(1);
      }
    }
    return newest.accumulateAndGet(new Mark(safePoint, lsn), Mark::max).safePoint();
  }

  /** Reads the safe point on a connection of its own. */
  long read(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return read(connection, true);
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the event store's safe point: " + e.getMessage(), e);
    }
  }
}
