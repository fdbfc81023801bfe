package io.rillflow.internal.events;

import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.RillflowException;
import io.rillflow.events.SessionEvents;
import io.rillflow.Trace;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The appends queued in one session, written by its {@code saveChanges()} inside the unit of
 * work's transaction. Not thread-safe, like the session.
 */
public final class SessionAppends implements SessionEvents {
  private final StreamKeys keys;
  private final EventTypes types;
  private final StreamAppender appender;
  private final List<Queued> queued = new ArrayList<>();
  /** Runs the inline projections on the unit of work's connection; {@link InlineStep#NONE} when there are none. */
  private final InlineStep inline;
  /** Runs after the unit of work commits with appends; does nothing when nobody listens. */
  private final Runnable committed;
  private final Trace trace;
  /** What every append of this session starts from: the store's defaults until the session changes them. */
  private AppendOptions defaults;

  /**
   * Work that runs right after one append, on the unit of work's connection, before the commit: an
   * aggregate's snapshot, inline document and invariant check. Throwing rolls everything back.
   */
  @FunctionalInterface
  public interface AfterAppend {
    void run(Connection connection, AppendResult result) throws SQLException;
  }

  private record Queued(AppendRequest request, AfterAppend after) {}

  SessionAppends(StreamKeys keys, EventTypes types, StreamAppender appender, InlineStep inline, Runnable committed,
      Trace trace, AppendOptions defaults) {
    this.defaults = defaults;
    this.trace = trace;
    this.keys = keys;
    this.types = types;
    this.appender = appender;
    this.inline = inline;
    this.committed = committed;
  }

  /** Called by {@code saveChanges()} after its commit: wakes the projection daemons when something was appended. */
  public void committed() {
    if (!queued.isEmpty()) {
      committed.run();
    }
  }

  @Override
  public void append(UUID streamId, ExpectedVersion expected, AppendOptions options, List<?> events) {
    append((Object) streamId, expected, options, events);
  }

  @Override
  public void append(String streamId, ExpectedVersion expected, AppendOptions options, List<?> events) {
    append((Object) streamId, expected, options, events);
  }

  private void append(Object streamId, ExpectedVersion expected, AppendOptions options, List<?> events) {
    queued.add(new Queued(AppendRequest.of(keys, types, streamId, expected, options.over(defaults), events), null));
  }

  @Override
  public void append(AppendCondition condition, List<?> events) {
    queued.add(new Queued(AppendRequest.of(keys, types, UUID.randomUUID(), ExpectedVersion.noStream(),
        AppendOptions.NONE.over(defaults), events, java.util.Objects.requireNonNull(condition, "condition")), null));
  }

  /** Queues an append and the work that follows it in the same transaction. */
  public void append(Object streamId, ExpectedVersion expected, AppendOptions options, List<?> events,
      AfterAppend after) {
    queued.add(new Queued(AppendRequest.of(keys, types, streamId, expected, options.over(defaults), events), after));
  }

  @Override
  public void defaults(AppendOptions newDefaults) {
    this.defaults = newDefaults.asDefaults();
  }

  @Override
  public AppendOptions defaults() {
    return defaults;
  }

  @Override
  public int pendingAppends() {
    return queued.size();
  }

  /**
   * Whether the queued appends are one statement, atomic on its own: a single append with no DCB
   * condition or tags (those lock and check first), no work after it and no inline projection to run.
   * A unit of work holding only that needs no BEGIN and COMMIT around it.
   */
  public boolean oneStatement() {
    if (queued.size() != 1) {
      return false;
    }
    Queued only = queued.get(0);
    return only.after() == null && !only.request().tagged() && !inline.wanted(List.of(only.request()));
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
    for (Queued append : queued) {
      AppendRequest request = append.request();
      try {
        AppendResult result = appender.append(connection, request);
        AppendTrace.record(trace, request, result);
        if (append.after() != null) {
          append.after().run(connection, result);
        }
      } catch (SQLException e) {
        throw new RillflowException("saveChanges() failed at the append to stream " + request.streamKey()
            + "; nothing was written: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Applies the inline projections to what {@link #writeTo(Connection)} wrote, on the same
   * connection, before the unit of work commits. Nothing when no append holds an event they handle.
   */
  public void project(Connection connection) throws SQLException {
    if (inline.wanted(queued.stream().map(Queued::request).toList())) {
      inline.run(connection);
    }
  }

  /** Forgets every queued append: after a commit, or when the session drops its changes. */
  public void clear() {
    queued.clear();
  }
}
