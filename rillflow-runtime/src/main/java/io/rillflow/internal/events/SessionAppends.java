package io.rillflow.internal.events;

import io.rillflow.AppendOptions;
import io.rillflow.ExpectedVersion;
import io.rillflow.RillflowException;
import io.rillflow.SessionEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The appends queued in one session, written by its {@code saveChanges()} inside the unit of
 * work's transaction. Not thread-safe, like the session.
 */
public final class SessionAppends implements SessionEvents {
  private final EventTypes types;
  private final StreamAppender appender;
  private final List<AppendRequest> queued = new ArrayList<>();
  /** Runs the inline projections on the unit of work's connection; {@code null} when there are none. */
  private final Projector projector;

  /** What runs the inline projections over the transaction's own events. */
  @FunctionalInterface
  interface Projector {
    void project(Connection connection) throws SQLException;
  }

  /** Runs after the unit of work commits with appends; {@code null} when nobody listens. */
  private final Runnable committed;

  SessionAppends(EventTypes types, StreamAppender appender, Projector projector, Runnable committed) {
    this.types = types;
    this.appender = appender;
    this.projector = projector;
    this.committed = committed;
  }

  /** Called by {@code saveChanges()} after its commit: wakes the projection daemons when something was appended. */
  public void committed() {
    if (committed != null && !queued.isEmpty()) {
      committed.run();
    }
  }

  @Override
  public void append(Object streamId, ExpectedVersion expected, AppendOptions options, List<?> events) {
    queued.add(AppendRequest.of(types, streamId, expected, options, events));
  }

  @Override
  public int pendingAppends() {
    return queued.size();
  }

  /** Whether nothing is queued. */
  public boolean isEmpty() {
    return queued.isEmpty();
  }

  /**
   * Writes every queued append, in order, on the unit of work's connection; the caller commits or,
   * on any exception, rolls back.
   *
   * @throws io.rillflow.ConcurrencyException and the other refusals of an append
   */
  public void writeTo(Connection connection) {
    for (AppendRequest request : queued) {
      try {
        AppendTrace.record(request, appender.append(connection, request));
      } catch (SQLException e) {
        throw new RillflowException("saveChanges() failed at the append to stream " + request.streamKey()
            + "; nothing was written: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Applies the inline projections to what {@link #writeTo(Connection)} wrote, on the same
   * connection, before the unit of work commits. Nothing when nothing was appended.
   */
  public void project(Connection connection) throws SQLException {
    if (projector != null && !queued.isEmpty()) {
      projector.project(connection);
    }
  }

  /** Forgets every queued append: after a commit, or when the session drops its changes. */
  public void clear() {
    queued.clear();
  }
}
