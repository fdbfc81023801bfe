package io.rillflow.events;

import java.time.Duration;
import java.util.Objects;

/**
 * The condition of a Dynamic Consistency Boundary append: fail if an event matching
 * {@link #query()} was committed after {@link #after()}.
 *
 * <pre>{@code
 * EventQueryResult read = events.query(query);
 * // decide on read.events() ...
 * events.append(AppendCondition.failIfEventsMatch(query).after(read.checkpoint()), new StudentSubscribed(...));
 * }</pre>
 *
 * <p>Every item of the query names at least one tag: an append serializes only against appends of
 * events that carry a tag of its query, never against the whole store, and an item without a tag
 * would match untagged events, whose appends take no lock.
 *
 * <p>An append waits for an open append with overlapping tags to end, at most {@link #lockWait()}
 * ({@link #DEFAULT_LOCK_WAIT} unless {@link #waitAtMost(Duration) set}); then it fails with
 * {@link AppendLockTimeoutException}, having written nothing. A holder that is slow, frozen or cut
 * off from its server without its connection ending thus stops only the appends that overlap it,
 * and only for that long.
 *
 * @param query the events that must not have arrived
 * @param after the checkpoint the decision read up to; {@link Checkpoint#START} means none may exist
 * @param lockWait how long the append may wait for the locks of overlapping appends, in whole seconds
 *     (rounded up), at least one
 */
public record AppendCondition(EventQuery query, Checkpoint after, Duration lockWait) {
  /**
   * How long an append waits for the locks of an open append with overlapping tags, unless its
   * condition says otherwise; also the bound of tagged appends without a condition.
   */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

  /** Checks the parts. */
  public AppendCondition {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(lockWait, "lockWait");
    if (lockWait.isNegative() || lockWait.isZero()) {
      throw new IllegalArgumentException("An append condition's lock wait must be positive, not " + lockWait);
    }
    for (EventQuery.Item item : query.items()) {
      if (item.tags().isEmpty()) {
        throw new IllegalArgumentException("Every item of an append condition needs a tag, but " + item
            + " has none: an append serializes only against appends with overlapping tags");
      }
    }
  }

  /** A condition waiting at most {@link #DEFAULT_LOCK_WAIT} for overlapping appends. */
  public AppendCondition(EventQuery query, Checkpoint after) {
    this(query, after, DEFAULT_LOCK_WAIT);
  }

  /** Fails if any event matching {@code query} exists; narrow it with {@link #after(Checkpoint)}. */
  public static AppendCondition failIfEventsMatch(EventQuery query) {
    return new AppendCondition(query, Checkpoint.START);
  }

  /** This condition, failing only for matching events after {@code checkpoint}. */
  public AppendCondition after(Checkpoint checkpoint) {
    return new AppendCondition(query, checkpoint, lockWait);
  }

  /**
   * This condition, waiting at most {@code wait} (in whole seconds, rounded up) for an open append
   * with overlapping tags before failing with {@link AppendLockTimeoutException}.
   */
  public AppendCondition waitAtMost(Duration wait) {
    return new AppendCondition(query, after, wait);
  }

  /** {@link #lockWait()} in whole seconds, rounded up: the unit a statement's timeout takes. */
  public int lockWaitSeconds() {
    long seconds = lockWait.getSeconds() + (lockWait.getNano() > 0 ? 1 : 0);
    return (int) Math.min(Integer.MAX_VALUE, seconds);
  }
}
