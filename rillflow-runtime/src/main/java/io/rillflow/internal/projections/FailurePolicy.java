package io.rillflow.internal.projections;

import io.rillflow.projections.ProjectionOptions;

/**
 * How one projection treats an event that fails: count its tries (carried over from earlier
 * holders through the lease), wait an exponential backoff between them, and give up after the last
 * one, when the caller writes it to the dead letters. Not thread-safe: its runner serializes calls.
 */
final class FailurePolicy {
  private final ProjectionOptions options;
  private long failingPosition = -1;
  private int failingAttempts;
  private long retryAt = LeaseHolder.NONE;

  FailurePolicy(ProjectionOptions options) {
    this.options = options;
  }

  /** Goes on from the tries earlier holders recorded on the lease. */
  void resume(Lease lease) {
    failingPosition = lease.failingPosition();
    failingAttempts = lease.failingAttempts();
    retryAt = LeaseHolder.NONE;
  }

  /** Whether a backoff is still running at {@code now}. */
  boolean backingOff(long now) {
    return retryAt != LeaseHolder.NONE && now - retryAt < 0;
  }

  /** Nanoseconds left of the backoff, 0 when none. */
  long waitNanos(long now) {
    return retryAt == LeaseHolder.NONE ? 0 : Math.max(0, retryAt - now);
  }

  /** Counts a failed try of the event at {@code position}; returns how many tries it has had. */
  int failed(long position) {
    if (failingPosition != position) {
      failingPosition = position;
      failingAttempts = 0;
    }
    return ++failingAttempts;
  }

  /** Whether the event that just failed has had its last try. */
  boolean exhausted() {
    return failingAttempts >= options.maxAttempts();
  }

  /** Starts the backoff before the next try: the base backoff doubled per try so far. Its length in nanoseconds. */
  long backOff(long now) {
    long backoff = options.retryBackoff().toNanos() << Math.min(failingAttempts - 1, 20);
    retryAt = now + backoff;
    return backoff;
  }

  /** The failing event was applied or given up on: the next failure starts counting afresh. */
  void cleared() {
    failingPosition = -1;
    retryAt = LeaseHolder.NONE;
  }

  int attempts() {
    return failingAttempts;
  }

  int maxAttempts() {
    return options.maxAttempts();
  }
}
