package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import io.rillflow.Trace;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.internal.sql.Transaction;
import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.internal.tracing.TracedWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The appends of one store: those made on the event store itself, and the queues of the sessions'
 * appends. It decides how an append is written: with its group when the
 * store groups appends, in a transaction of its own when inline projections or DCB steps need one,
 * else as one statement in auto-commit. A store and its view with the archive share one.
 */
final class DirectAppends implements AutoCloseable {
  private final DataSource dataSource;
  private final StreamKeys keys;
  private final EventTypes types;
  private final StreamAppender appender;
  /** The inline projections' step of every append; {@link InlineStep#NONE} when there are none. */
  private final InlineStep inline;
  /** Runs after an append commits (wakes projection daemons); does nothing when nobody listens. */
  private final Runnable committed;
  private final Trace trace;
  /** Headers and ids every append without its own starts from: the builder's {@code appendDefaults}. */
  private final AppendOptions defaults;
  private final StoreTracing tracing;
  /** Plain appends written in groups when the store asked for it; {@link GroupAppender#OFF} else. */
  private final GroupAppender group;

  /** @param defaults the builder's {@code appendDefaults}, as given: taken here as defaults */
  DirectAppends(DataSource dataSource, StreamKeys keys, EventTypes types, StreamAppender appender, InlineStep inline,
      Runnable committed, Trace trace, AppendOptions defaults, StoreTracing tracing, GroupAppender group) {
    this.dataSource = dataSource;
    this.keys = keys;
    this.types = types;
    this.appender = appender;
    this.inline = inline;
    this.committed = committed;
    this.trace = trace;
    this.defaults = defaults.asDefaults();
    this.tracing = tracing;
    this.group = group;
  }

  /** A new, empty queue of appends for one session. */
  SessionAppends forSession() {
    return new SessionAppends(keys, types, appender, inline, committed, trace, defaults);
  }

  /** A queue of appends that inline projections do not see: for the sessions projections write through. */
  SessionAppends unprojected() {
    return new SessionAppends(keys, types, appender, InlineStep.NONE, committed, trace, defaults);
  }

  /** Appends with an expectation on the stream's version; committed when this returns. */
  AppendResult append(Object streamId, ExpectedVersion expected, AppendOptions options, List<?> events) {
    AppendRequest request = AppendRequest.of(keys, types, streamId, expected, options.over(defaults), events);
    AppendResult result;
    try (TracedWork span = tracing.append(request.streamKey(), request.events().size())) {
      try {
        result = write(request);
      } catch (RuntimeException e) {
        span.failed(e);
        throw e;
      }
    }
    committed.run();
    return result;
  }

  /** Appends under a DCB condition; committed when this returns. */
  AppendResult append(Object streamId, ExpectedVersion expected, AppendCondition condition, List<?> events) {
    AppendRequest request = AppendRequest.of(keys, types, streamId, expected,
        AppendOptions.NONE.over(defaults), events, Objects.requireNonNull(condition, "condition"));
    AppendResult result = write(request);
    committed.run();
    return result;
  }

  private AppendResult write(AppendRequest request) {
    // Inline projections and DCB locks, checks and tags need a transaction of their own; plain
    // appends go with a group when the store groups them, else each is one statement.
    boolean projected = inline.wanted(List.of(request));
    if (!projected && group.takes(request)) {
      AppendResult result = group.append(request);
      AppendTrace.record(trace, request, result);
      return result;
    }
    try (Connection connection = dataSource.getConnection()) {
      if (projected || request.tagged()) {
        return Transaction.run(connection, c -> {
          AppendResult result = appender.append(c, request);
          AppendTrace.record(trace, request, result);
          if (projected) {
            inline.run(c);
          }
          return result;
        });
      }
      // One statement: with autocommit it is its own transaction, in one round trip.
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      AppendResult result = appender.append(connection, request);
      AppendTrace.record(trace, request, result);
      return result;
    } catch (SQLException e) {
      throw new RillflowException("Cannot append to stream " + request.streamKey() + "; nothing was written: "
          + e.getMessage(), e);
    }
  }

  /**
   * Stops this store's group append: its appends still waiting fail, a group being written finishes
   * (the root store then stops the threads).
   */
  @Override
  public void close() {
    group.close();
  }
}
