package io.rillflow.internal.projections;

import io.rillflow.events.Checkpoint;
import io.rillflow.RillflowException;
import io.rillflow.internal.sql.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The lease and checkpoint statements on {@code rf_projections}; see {@link ProjectionSql} for the protocol. */
final class LeaseRows {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseRows.class);
  /** PostgreSQL's lock_not_available: a lock_timeout ran out. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private final DataSource dataSource;
  private final ProjectionSql sql;
  private final String owner;
  private final long leaseMillis;
  private final String leaseTimeout;
  private final String takeoverLockTimeout;

  LeaseRows(DataSource dataSource, ProjectionSql sql, String owner, long leaseMillis) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.owner = owner;
    this.leaseMillis = leaseMillis;
    this.leaseTimeout = Long.toString(Math.min(leaseMillis, Integer.MAX_VALUE));
    // Long enough to queue behind a batch's commit, short beside the lease: the next try comes soon.
    this.takeoverLockTimeout = Long.toString(Math.max(10, Math.min(500, leaseMillis / 10)));
  }

  String owner() {
    return owner;
  }

  /**
   * Takes the projection when nobody holds it (or the lease ended) and it is not paused; else {@code null}.
   * Never waits long on the row's lock: a holder frozen inside a batch holds it, and waiting on it is
   * what kept failover from happening.
   */
  Lease acquire(String projection) {
    try (Connection connection = dataSource.getConnection()) {
      return Transaction.run(connection, transaction -> {
        try (PreparedStatement timeout = transaction.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
          timeout.setString(1, takeoverLockTimeout);
          timeout.execute();
        }
        try (PreparedStatement statement = transaction.prepareStatement(sql.acquire)) {
          statement.setString(1, projection);
          statement.setString(2, owner);
          statement.setLong(3, leaseMillis);
          try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
              return null;
            }
            long failingPosition = row.getLong(4);
            return new Lease(row.getLong(1), new Checkpoint(row.getLong(2), row.getLong(3)),
                row.wasNull() ? -1 : failingPosition, row.getInt(5));
          }
        }
      });
    } catch (SQLException e) {
      if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        LOG.debug("Projection {}: its row is locked by a batch of its holder; not waiting for it", projection);
        return null;
      }
      throw new RillflowException("Cannot acquire projection " + projection + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records that the event at {@code position} failed {@code attempts} times, for whoever holds the
   * projection next; {@code false} when the lease was lost.
   */
  boolean recordFailure(String projection, long epoch, long position, int attempts) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.recordFailure)) {
      statement.setLong(1, position);
      statement.setInt(2, attempts);
      statement.setString(3, projection);
      statement.setString(4, owner);
      statement.setLong(5, epoch);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new RillflowException("Cannot record a failure of projection " + projection + ": " + e.getMessage(), e);
    }
  }

  /** Extends the lease; {@code false} when it was lost. */
  boolean renew(String projection, long epoch) {
    return update(sql.renew, projection, epoch, true);
  }

  /** Gives the projection up, so another node can take it at once. */
  void release(String projection, long epoch) {
    update(sql.release, projection, epoch, false);
  }

  /**
   * In the caller's transaction: moves the checkpoint and extends the lease, if the epoch is still
   * this node's; locks the row until the transaction ends.
   *
   * @throws LeaseLostException when it is not
   */
  void checkpoint(Connection connection, String projection, long epoch, Checkpoint checkpoint) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.checkpoint)) {
      statement.setLong(1, checkpoint.transactionId());
      statement.setLong(2, checkpoint.position());
      statement.setLong(3, leaseMillis);
      statement.setString(4, projection);
      statement.setString(5, owner);
      statement.setLong(6, epoch);
      boundByLease(statement, 7, projection, epoch);
    }
  }

  /**
   * In the caller's transaction: checks (and locks) the row without moving the checkpoint.
   *
   * @throws LeaseLostException when the epoch is no longer this node's
   */
  void fence(Connection connection, String projection, long epoch) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.fence)) {
      statement.setLong(1, leaseMillis);
      statement.setString(2, projection);
      statement.setString(3, owner);
      statement.setLong(4, epoch);
      boundByLease(statement, 5, projection, epoch);
    }
  }

  /**
   * Runs a fenced update that also bounds the rest of its transaction by the lease (see
   * {@link ProjectionSql}): it returns a row when the epoch is still this node's.
   */
  private void boundByLease(PreparedStatement statement, int index, String projection, long epoch) throws SQLException {
    statement.setString(index, leaseTimeout);
    statement.setString(index + 1, leaseTimeout);
    try (ResultSet row = statement.executeQuery()) {
      if (!row.next()) {
        throw new LeaseLostException(projection, epoch);
      }
    }
  }

  private boolean update(String statementSql, String projection, long epoch, boolean withLease) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(statementSql)) {
      int i = 1;
      if (withLease) {
        statement.setLong(i++, leaseMillis);
      }
      statement.setString(i++, projection);
      statement.setString(i++, owner);
      statement.setLong(i, epoch);
      return statement.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new RillflowException("Cannot update the lease on projection " + projection + ": " + e.getMessage(), e);
    }
  }
}
