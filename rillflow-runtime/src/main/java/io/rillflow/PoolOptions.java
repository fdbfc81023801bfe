package io.rillflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The connection pool a store opens from a URL (HikariCP), for the settings users tune. Immutable;
 * each {@code with} method returns a copy.
 *
 * <pre>{@code
 * DocumentStore.builder().url(url)
 *     .pool(PoolOptions.defaults().maximumSize(20).minimumIdle(2).leakDetection(Duration.ofSeconds(10)))
 *     .build();
 * }</pre>
 *
 * <p>Leak detection is on by default (60 s): a connection held longer, such as one behind a
 * {@code Stream} of query results that was never closed, is logged as a warning with the stack of
 * the code that took it. {@link Duration#ZERO} turns it off.
 *
 * @param maximumSize connections at most
 * @param minimumIdle idle connections kept ready
 * @param connectionTimeout how long a caller waits for a connection before failing
 * @param idleTimeout how long a connection above {@code minimumIdle} may sit idle
 * @param maxLifetime how long a connection lives before it is replaced (0: for ever)
 * @param leakDetection how long a connection may be held before it is reported (0: never)
 */
public record PoolOptions(int maximumSize, int minimumIdle, Duration connectionTimeout, Duration idleTimeout,
    Duration maxLifetime, Duration leakDetection) {

  public PoolOptions {
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(maxLifetime, "maxLifetime");
    Objects.requireNonNull(leakDetection, "leakDetection");
  }

  /** Ten connections, all kept ready, 30 s to get one, leaks reported after 60 s. */
  public static PoolOptions defaults() {
    return new PoolOptions(10, 10, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(30),
        Duration.ofSeconds(60));
  }

  public PoolOptions maximumSize(int size) {
    return new PoolOptions(size, Math.min(minimumIdle, size), connectionTimeout, idleTimeout, maxLifetime,
        leakDetection);
  }

  public PoolOptions minimumIdle(int idle) {
    return new PoolOptions(maximumSize, idle, connectionTimeout, idleTimeout, maxLifetime, leakDetection);
  }

  public PoolOptions connectionTimeout(Duration timeout) {
    return new PoolOptions(maximumSize, minimumIdle, timeout, idleTimeout, maxLifetime, leakDetection);
  }

  public PoolOptions idleTimeout(Duration timeout) {
    return new PoolOptions(maximumSize, minimumIdle, connectionTimeout, timeout, maxLifetime, leakDetection);
  }

  public PoolOptions maxLifetime(Duration lifetime) {
    return new PoolOptions(maximumSize, minimumIdle, connectionTimeout, idleTimeout, lifetime, leakDetection);
  }

  /** Reports a connection held longer than {@code threshold}; {@link Duration#ZERO} turns reports off. */
  public PoolOptions leakDetection(Duration threshold) {
    return new PoolOptions(maximumSize, minimumIdle, connectionTimeout, idleTimeout, maxLifetime, threshold);
  }

  /** What HikariCP would refuse, said in these options' names; empty when nothing. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (maximumSize < 1) {
      problems.add("pool maximumSize must be at least 1 but was " + maximumSize);
    }
    if (minimumIdle < 0 || minimumIdle > maximumSize) {
      problems.add("pool minimumIdle must be 0 to maximumSize (" + maximumSize + ") but was " + minimumIdle);
    }
    if (connectionTimeout.toMillis() < 250) {
      problems.add("pool connectionTimeout must be at least 250 ms but was " + connectionTimeout);
    }
    if (!maxLifetime.isZero() && maxLifetime.toMillis() < 30_000) {
      problems.add("pool maxLifetime must be 0 or at least 30 s but was " + maxLifetime);
    }
    if (!leakDetection.isZero() && leakDetection.toMillis() < 2_000) {
      problems.add("pool leakDetection must be 0 (off) or at least 2 s but was " + leakDetection);
    }
    if (idleTimeout.isNegative()) {
      problems.add("pool idleTimeout must not be negative but was " + idleTimeout);
    }
    return problems;
  }
}
