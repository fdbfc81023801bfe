package io.rillflow.internal.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The inline projections' part of an appending transaction, for the store's lone appends and for
 * sessions alike: whether some append of it needs them, and running them on the events the
 * transaction wrote, read back on its connection.
 */
class InlineStep {
  /** No inline projections: no append wants the step, so appends stay one auto-commit statement. */
  static final InlineStep NONE = new InlineStep(null, null) {
    @Override
    boolean wanted(Collection<AppendRequest> appends) {
      return false;
    }
  };

  private final AppendHook hook;
  private final EventReads reads;

  InlineStep(AppendHook hook, EventReads reads) {
    this.hook = hook;
    this.reads = reads;
  }

  /** Whether any of {@code appends} holds an event the hook wants to see. */
  boolean wanted(Collection<AppendRequest> appends) {
    for (AppendRequest append : appends) {
      if (append.wantedBy(hook)) {
        return true;
      }
    }
    return false;
  }

  /** Runs the hook on what the connection's transaction appended. */
  void run(Connection connection) throws SQLException {
    hook.appended(connection, reads.readOwnTransaction(connection));
  }
}
