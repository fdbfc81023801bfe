package io.rillflow.internal.events;

import io.rillflow.events.AppendResult;
import io.rillflow.events.GroupAppendOptions;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;

/**
 * Group append ({@link GroupAppendOptions}): hands each plain append to the {@link GroupLane} of
 * its stream and waits for its outcome. {@link #OFF} takes no append, and the event store writes
 * every append on its own.
 *
 * <p>What a group takes: appends with no idempotency key (a key's unique index would abort the
 * whole group's statement on a race), no tags and no condition (DCB appends lock and check in their
 * own transaction) and no inline projection wanting their events (the event store checks that).
 */
class GroupAppender implements AutoCloseable {
  /** Group append off. */
  static final GroupAppender OFF = new GroupAppender();

  private final StreamAppender appender;
  private final GroupLane[] lanes;

  private GroupAppender() {
    this.appender = null;
    this.lanes = new GroupLane[0];
  }

  GroupAppender(DataSource dataSource, String schema, StreamAppender appender, GroupAppendOptions options) {
    this.appender = appender;
    GroupTransaction transaction = new GroupTransaction(dataSource,
        new GroupStatement(new GroupAppendSql(schema), appender), options.timeout());
    this.lanes = new GroupLane[options.lanes()];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = new GroupLane(transaction, options, "rillflow-group-append-" + schema + "-" + i);
    }
  }

  static GroupAppender of(DataSource dataSource, String schema, StreamAppender appender, GroupAppendOptions options) {
    return options.isEnabled() ? new GroupAppender(dataSource, schema, appender, options) : OFF;
  }

  /** Whether this append goes through a group (see the class comment). */
  boolean takes(AppendRequest request) {
    return lanes.length > 0 && request.options().idempotencyKey() == null && !request.tagged();
  }

  /**
   * Writes the append with whatever group it lands in; returns after that group committed.
   *
   * @throws RuntimeException this append's own refusal, or its group's failure
   */
  AppendResult append(AppendRequest request) {
    // On the caller's thread: the headers carry the caller's trace context, and a bad event fails
    // its own caller before it is queued.
    PendingAppend pending = new PendingAppend(request, appender.headers(request));
    lanes[Math.floorMod(request.streamKey().hashCode(), lanes.length)].offer(pending);
    try {
      return pending.outcome.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    for (GroupLane lane : lanes) {
      lane.close();
    }
  }
}
