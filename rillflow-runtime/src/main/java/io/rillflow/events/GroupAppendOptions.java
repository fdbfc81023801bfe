package io.rillflow.events;

import java.time.Duration;
import java.util.Objects;

/**
 * Group append, opt-in per store ({@code DocumentStore.builder().groupAppends(...)}): plain appends
 * from different threads to different streams are written together, in one transaction and one
 * multi-row statement, so that many writers share one commit (one WAL flush) instead of paying one
 * each. Every append keeps its own expected-version check and its own outcome: one that conflicts
 * throws its {@link io.rillflow.ConcurrencyException} and the others of its group are written. No
 * append returns before the transaction that wrote it has committed.
 *
 * <pre>{@code
 * DocumentStore store = DocumentStore.builder().url(url)
 *     .groupAppends(GroupAppendOptions.enabled().maxDelay(Duration.ofMillis(1)).maxGroupSize(64))
 *     .build();
 * }</pre>
 *
 * <p>Only appends of {@code store.events().append(...)} with no idempotency key, no tags, no
 * condition and no inline projection that wants their events are grouped; every other append (and
 * every append of a {@code saveChanges()}) is written as without this option, on its own.
 * Immutable.
 */
public final class GroupAppendOptions {
  /** Declared before {@link #OFF}, which reads them when the class initializes. */
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(1);
  private static final int DEFAULT_THREADS = 4;

  /** Group append off: every append is its own statement and transaction. The default. */
  public static final GroupAppendOptions OFF = new GroupAppendOptions(false, Duration.ZERO, 64, 2, DEFAULT_THREADS, DEFAULT_TIMEOUT);

  private final boolean enabled;
  private final Duration maxDelay;
  private final int maxGroupSize;
  private final int lanes;
  private final int threads;
  private final Duration timeout;

  private GroupAppendOptions(boolean enabled, Duration maxDelay, int maxGroupSize, int lanes, int threads,
      Duration timeout) {
    this.enabled = enabled;
    this.maxDelay = maxDelay;
    this.maxGroupSize = maxGroupSize;
    this.lanes = lanes;
    this.threads = threads;
    this.timeout = timeout;
  }

  /**
   * Group append on: a group waits at most 1 ms for company, holds at most 64 appends, 1 lane (per
   * store, and per tenant's store), at most 4 threads, a 30 s timeout.
   */
  public static GroupAppendOptions enabled() {
    return new GroupAppendOptions(true, DEFAULT_MAX_DELAY, 64, 1, DEFAULT_THREADS, DEFAULT_TIMEOUT);
  }

  /**
   * The commit latency bound: how long a group's first append may wait for company before the group
   * is written. The wait ends earlier when the queue is empty and the group already has as many
   * appends as the lane's previous group (those writers are back), or when it is full; a lone
   * writer therefore does not wait. Zero never waits: groups are then whatever queued while the
   * previous group was written, smaller under moderate concurrency. Default 1 ms.
   */
  public GroupAppendOptions maxDelay(Duration maxDelay) {
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxDelay must not be negative, was " + maxDelay);
    }
    return new GroupAppendOptions(enabled, maxDelay, maxGroupSize, lanes, threads, timeout);
  }

  /** The most appends one group writes. Default 64. */
  public GroupAppendOptions maxGroupSize(int maxGroupSize) {
    if (maxGroupSize < 1) {
      throw new IllegalArgumentException("maxGroupSize must be at least 1, was " + maxGroupSize);
    }
    return new GroupAppendOptions(enabled, maxDelay, maxGroupSize, lanes, threads, timeout);
  }

  /**
   * How many groups of one store (of one tenant's store, with tenants) may be written at once, each on
   * its own connection and thread (within {@link #threads(int)}); a stream always
   * goes to the same lane, so two groups never lock the same stream. Default 1: one lane makes the
   * largest groups, and on the 2-core machine measured it wrote 8 writers' appends faster than two
   * lanes (see the README). More lanes keep appends moving when one group waits on a lock (until
   * its timeout) and may suit a server with many cores. With tenants each tenant's store has this many
   * lanes of its own (a group never mixes tenants); {@link #threads(int)} bounds how many are written at
   * once.
   */
  public GroupAppendOptions lanes(int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1, was " + lanes);
    }
    return new GroupAppendOptions(enabled, maxDelay, maxGroupSize, lanes, threads, timeout);
  }

  /**
   * The most groups written at once by the store and all its tenants' stores together, each on a
   * thread and a connection of its own: a thousand tenants do not mean a thousand threads. Threads
   * start on the first grouped append, when lanes wait and no thread is idle, and stop after a few
   * seconds without work; a lane gives its thread back after each group, so tenants take turns.
   * Never fewer than {@link #lanes(int)}. Default 4.
   */
  public GroupAppendOptions threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    return new GroupAppendOptions(enabled, maxDelay, maxGroupSize, lanes, threads, timeout);
  }

  /**
   * How long a group's statement may run in the database (lock waits included) before the driver
   * has the server cancel it: every append of the group then fails with a
   * {@link io.rillflow.RillflowException} saying so, and none is written. It bounds how long a caller
   * waits when the database is stuck (a lock held by another transaction, a saturated server): a
   * caller whose group waits behind another in its lane can wait up to twice this, plus
   * {@link #maxDelay(Duration)}. Rounded up to whole seconds (the JDBC query timeout). Default 30 s.
   */
  public GroupAppendOptions timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    return new GroupAppendOptions(enabled, maxDelay, maxGroupSize, lanes, threads, timeout);
  }

  /** Whether appends are grouped at all. */
  public boolean isEnabled() {
    return enabled;
  }

  /** The commit latency bound: see {@link #maxDelay(Duration)}. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** The most appends one group writes. */
  public int maxGroupSize() {
    return maxGroupSize;
  }

  /** How many groups of one store may be written at once: see {@link #lanes(int)}. */
  public int lanes() {
    return lanes;
  }

  /** The most groups written at once across the store and its tenants: see {@link #threads(int)}. */
  public int threads() {
    return threads;
  }

  /** How long a group may take in the database: see {@link #timeout(Duration)}. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return enabled ? "GroupAppendOptions[maxDelay=" + maxDelay + ", maxGroupSize=" + maxGroupSize + ", lanes=" + lanes
        + ", threads=" + threads + ", timeout=" + timeout + "]"
        : "GroupAppendOptions.OFF";
  }
}
