package io.rillflow.internal.events;

import io.rillflow.events.AppendResult;
import io.rillflow.events.GroupAppendOptions;
import io.rillflow.internal.sql.TenantFilter;
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
 *
 * <p>Each store has its own lanes, a tenant's store too: a group's statement is qualified for one
 * schema (and, conjoined, built for one tenant) and runs on that store's data source, so a group never
 * mixes tenants. The lanes share the root store's {@link GroupWorkers}, which bound the threads.
 */
class GroupAppender implements AutoCloseable {
  /** Group append off. */
  static final GroupAppender OFF = new GroupAppender();

  private final StreamAppender appender;
  private final GroupLane[] lanes;
  /** Set when this store closes: its lanes fail what waits (the root's workers may run on). */
  private volatile boolean closed;

  private GroupAppender() {
    this.appender = null;
    this.lanes = new GroupLane[0];
  }

  private GroupAppender(DataSource dataSource, String schema, TenantFilter tenant, StreamKeys keys,
      StreamAppender appender, GroupWorkers workers) {
    this.appender = appender;
    GroupAppendOptions options = workers.options();
    GroupTransaction transaction = new GroupTransaction(dataSource,
        new GroupStatement(new GroupAppendSql(schema, tenant, keys), appender), options.timeout());
    this.lanes = new GroupLane[options.lanes()];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = new GroupLane(transaction, workers, () -> closed);
    }
  }

  /**
   * The group appends of one store (a tenant's too), or {@link #OFF} when {@code workers} is
   * {@link GroupWorkers#NONE}.
   *
   * @param tenant the conjoined tenant every group's rows are written for, or {@link TenantFilter#NONE}
   * @param keys how the schema stores stream ids
   */
  static GroupAppender of(DataSource dataSource, String schema, TenantFilter tenant, StreamKeys keys,
      StreamAppender appender, GroupWorkers workers) {
    return workers.enabled() ? new GroupAppender(dataSource, schema, tenant, keys, appender, workers) : OFF;
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

  /**
   * Fails the appends still waiting in this store's lanes; a group being written finishes. The
   * threads are the root store's, which stops them ({@link GroupWorkers#close()}).
   */
  @Override
  public void close() {
    closed = true;
  }
}
