package io.rillflow.events;

import io.rillflow.RillflowException;
import java.time.Duration;
import java.util.List;

/**
 * A tagged append waited longer than its bound ({@link AppendCondition#lockWait()}) for an open
 * append with overlapping tags to end; nothing of it (or of its unit of work) was written. The
 * holder is a transaction that is slow, frozen, or whose client is gone while its connection lives
 * on: PostgreSQL's {@code pg_locks} lists it (advisory locks of class {@value #LOCK_CLASS}) and
 * {@code pg_blocking_pids} names it from a waiter. Retrying is safe: the condition is checked again.
 */
public class AppendLockTimeoutException extends RillflowException {
  private static final long serialVersionUID = 1L;

  /** The first key of the advisory locks of tagged appends, as {@code pg_locks.classid} shows it. */
  public static final int LOCK_CLASS = 1380730452;

  private final List<String> tags;
  private final Duration waited;

  /**
   * @param tags the tags of the append's events and of its condition's query, sorted
   * @param waited the bound it waited for
   * @param cause the driver's failure
   */
  public AppendLockTimeoutException(List<String> tags, Duration waited, Throwable cause) {
    super("A tagged append waited " + waited.toSeconds() + " s for an open append overlapping its tags " + tags
        + " and gave up; nothing was written. The holder is a transaction still open (slow, frozen, or its client"
        + " gone): pg_locks lists it (locktype advisory, classid " + LOCK_CLASS + "). Retry, or wait longer with"
        + " AppendCondition.waitAtMost", cause);
    this.tags = List.copyOf(tags);
    this.waited = waited;
  }

  /** The tags of the append's events and of its condition's query, sorted. */
  public List<String> tags() {
    return tags;
  }

  /** How long it waited. */
  public Duration waited() {
    return waited;
  }
}
