package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The transaction of one group append: a connection from the pool, the group's timeout set for
 * this transaction only, {@link GroupStatement}, the commit. It returns the appends' outcomes only
 * once the commit has returned; when anything fails it throws one failure for the whole group,
 * worded for each caller by {@link Failure#forStream(String)}.
 *
 * <p>A deadlock or serialization failure rolled the transaction back with nothing written, so the
 * group is tried again (a group never shares a stream with another group, but it can meet a
 * {@code saveChanges()} or a keyed append that locks streams in another order). The timeout is
 * PostgreSQL's {@code statement_timeout}, set with {@code SET LOCAL} semantics so that it never
 * outlives the transaction on a pooled connection; it covers lock waits, the usual way a database
 * "freezes" for one writer. A failed commit is the one failure whose outcome is unknown (the server
 * may have committed before the connection broke): the callers are told so, not that nothing was
 * written.
 */
final class GroupTransaction {
  /** PostgreSQL's deadlock_detected and serialization_failure: the transaction wrote nothing. */
  private static final Set<String> RETRIED = Set.of("40P01", "40001");
  private static final int ATTEMPTS = 3;
  /** PostgreSQL's query_canceled: a statement timeout (or an operator's pg_cancel_backend). */
  private static final String QUERY_CANCELED = "57014";
  private static final String SET_TIMEOUT = "SELECT set_config('statement_timeout', ?, true)";

  private final DataSource dataSource;
  private final GroupStatement statement;
  private final Duration timeout;

  GroupTransaction(DataSource dataSource, GroupStatement statement, Duration timeout) {
    this.dataSource = dataSource;
    this.statement = statement;
    this.timeout = timeout;
  }

  /**
   * Writes and commits the group.
   *
   * @return one outcome per append, in order: an {@code AppendResult} or its own refusal
   * @throws Failure when the group as a whole failed: nothing of it is written, or (commit failed)
   *     nobody knows
   */
  List<Object> run(List<PendingAppend> group) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        return attempt(connection, group);
      } catch (CommitFailed e) {
        throw new Failure("the commit of its group failed, so whether it was written is unknown"
            + " (read the stream to find out): " + e.getCause().getMessage(), e.getCause());
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && RETRIED.contains(e.getSQLState())) {
          continue;
        }
        if (QUERY_CANCELED.equals(e.getSQLState())) {
          throw new Failure("its group did not finish within the group append timeout of " + timeout
              + " and was cancelled in the database (a lock held by another transaction, or a server too busy to"
              + " answer); nothing of the group was written: " + e.getMessage(), e);
        }
        throw new Failure("the transaction of its group failed (every append of the group fails with it, none"
            + " half-written): " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new Failure("the transaction of its group failed (every append of the group fails with it, none"
            + " half-written): " + e.getMessage(), e);
      }
    }
  }

  private List<Object> attempt(Connection connection, List<PendingAppend> group) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    if (autoCommit) {
      connection.setAutoCommit(false);
    }
    try {
      List<Object> outcomes;
      try {
        try (PreparedStatement limit = connection.prepareStatement(SET_TIMEOUT)) {
          limit.setString(1, Long.toString(timeout.toMillis()));
          limit.execute();
        }
        outcomes = statement.write(connection, group);
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
      try {
        connection.commit();
      } catch (SQLException e) {
        throw new CommitFailed(e);
      }
      return outcomes;
    } finally {
      if (autoCommit) {
        try {
          connection.setAutoCommit(true);
        } catch (SQLException e) {
          // A broken connection: the pool discards it; the outcome is already decided.
        }
      }
    }
  }

  /** On a connection the server ended the rollback fails too; the first failure says why. */
  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** The commit threw: the one failure after which the group may or may not be written. */
  private static final class CommitFailed extends RuntimeException {
    CommitFailed(SQLException cause) {
      super(cause);
    }
  }

  /** The whole group failed; {@link #forStream(String)} words it for one caller. */
  static final class Failure extends RuntimeException {
    Failure(String reason, Throwable cause) {
      super(reason, cause);
    }

    RillflowException forStream(String stream) {
      return new RillflowException("Cannot append to stream " + stream + "; " + getMessage(), getCause());
    }
  }
}
