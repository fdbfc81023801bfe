package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import io.rillflow.events.AppendResult;
import io.rillflow.internal.sql.Transaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The transaction of one group append: a connection from the pool, {@link GroupStatement}'s one
 * statement in auto-commit (its own transaction, in one round trip: BEGIN and COMMIT would cost two
 * more), then the reasons of the appends it refused. It returns the appends' outcomes only after
 * the statement has returned, that is after its commit; when the statement fails it throws one
 * failure for the whole group, worded for each caller by {@link Failure#forStream(String)}.
 *
 * <p>How the group failed decides what its callers are told. An error the server answered with
 * (a conflict with a unique index, a cancelled statement) aborted the statement: nothing of the
 * group is written. A deadlock or serialization failure is tried again, as nothing was written (a
 * group never shares a stream with another group, but it can meet a {@code saveChanges()} or a keyed
 * append that locks streams in another order). A lost connection (the backend terminated, the
 * network gone) leaves the outcome unknown, as for any single statement: the commit may have
 * happened just before; the callers are told so, not that nothing was written.
 *
 * <p>The timeout is the driver's query timeout: past it the driver asks the server to cancel the
 * statement (PostgreSQL's query_canceled), which rolls the whole group back. It costs no round trip
 * and leaves no setting behind on the pooled connection; its granularity is a second.
 */
final class GroupTransaction {
  /** PostgreSQL's deadlock_detected and serialization_failure: the transaction wrote nothing. */
  private static final Set<String> RETRIED = Set.of("40P01", "40001");
  private static final int ATTEMPTS = 3;
  /** PostgreSQL's query_canceled: the query timeout (or an operator's pg_cancel_backend). */
  private static final String QUERY_CANCELED = "57014";

  private final DataSource dataSource;
  private final GroupStatement statement;
  private final Duration timeout;
  private final int timeoutSeconds;

  GroupTransaction(DataSource dataSource, GroupStatement statement, Duration timeout) {
    this.dataSource = dataSource;
    this.statement = statement;
    this.timeout = timeout;
    this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (timeout.toMillis() + 999) / 1000));
  }

  /**
   * Writes the group, committed when this returns.
   *
   * @return one outcome per append, in order: an {@code AppendResult} or its own refusal
   * @throws Failure when the group as a whole failed: nothing of it is written, or (the connection
   *     was lost) nobody knows
   */
  Object[] run(List<PendingAppend> group) {
    for (int attempt = 1; ; attempt++) {
      Connection connection;
      try {
        connection = Transaction.autoCommitting(dataSource.getConnection());
      } catch (SQLException e) {
        throw new Failure("no connection for its group (nothing of the group was written): " + e.getMessage(), e);
      }
      try (connection) {
        AppendResult[] written = statement.write(connection, group, timeoutSeconds);
        // Committed. The refused appends learn why; a failure to read it is theirs alone.
        Object[] outcomes = new Object[written.length];
        for (int i = 0; i < outcomes.length; i++) {
          outcomes[i] = written[i] != null ? written[i] : statement.refusal(connection, group.get(i));
        }
        return outcomes;
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && RETRIED.contains(e.getSQLState())) {
          continue;
        }
        throw failure(e);
      } catch (RuntimeException e) {
        throw new Failure("the statement of its group failed (every append of the group fails with it, none"
            + " half-written): " + e.getMessage(), e);
      }
    }
  }

  private Failure failure(SQLException e) {
    String state = String.valueOf(e.getSQLState());
    if (QUERY_CANCELED.equals(state)) {
      return new Failure("its group did not finish within the group append timeout of " + timeout
          + " and was cancelled in the database (a lock held by another transaction, or a server too busy to"
          + " answer); nothing of the group was written: " + e.getMessage(), e);
    }
    // Class 08: connection exception; 57P01-57P03: the server ended the backend.
    if (state.startsWith("08") || state.startsWith("57P")) {
      return new Failure("the connection of its group was lost before the database answered, so whether the group"
          + " was written is unknown (read the stream to find out): " + e.getMessage(), e);
    }
    return new Failure("the statement of its group failed (every append of the group fails with it, none"
        + " half-written): " + e.getMessage(), e);
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
