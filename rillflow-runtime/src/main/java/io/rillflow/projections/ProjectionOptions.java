package io.rillflow.projections;

import io.rillflow.DocumentStoreBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How the {@link ProjectionDaemon} runs; set with {@link DocumentStoreBuilder#projectionOptions}.
 *
 * <pre>{@code
 * builder.projectionOptions(ProjectionOptions.defaults().batchSize(1000).leaseDuration(Duration.ofSeconds(10)));
 * }</pre>
 *
 * @param batchSize events per transaction (default 500)
 * @param pollInterval how long the daemon sleeps when idle unless a NOTIFY wakes it (default 1 s)
 * @param leaseDuration how long a lease lasts unless renewed; a dead holder is replaced after it
 *     (default 30 s; renewed every third of it)
 * @param maxAttempts tries of one event before it goes to the dead letters (default 3)
 * @param retryBackoff wait before the second try, doubled for each later one (default 100 ms)
 * @param nodeId this daemon's name in the lease rows (default a random one)
 * @param cluster the daemon cluster this node joins (default {@link DaemonCluster#single()}: none)
 */
public record ProjectionOptions(int batchSize, Duration pollInterval, Duration leaseDuration, int maxAttempts,
    Duration retryBackoff, String nodeId, DaemonCluster cluster) {

  /** Checks the values. */
  public ProjectionOptions {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(cluster, "cluster");
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("batchSize and maxAttempts must be at least 1 but were "
          + batchSize + " and " + maxAttempts);
    }
    if (pollInterval.isNegative() || pollInterval.isZero() || leaseDuration.toMillis() < 100 || retryBackoff.isNegative()) {
      throw new IllegalArgumentException("pollInterval must be positive, leaseDuration at least 100 ms and "
          + "retryBackoff not negative, but were " + pollInterval + ", " + leaseDuration + ", " + retryBackoff);
    }
  }

  /** Options outside any cluster ({@link DaemonCluster#single()}). */
  public ProjectionOptions(int batchSize, Duration pollInterval, Duration leaseDuration, int maxAttempts,
      Duration retryBackoff, String nodeId) {
    this(batchSize, pollInterval, leaseDuration, maxAttempts, retryBackoff, nodeId, DaemonCluster.single());
  }

  /** The defaults. */
  public static ProjectionOptions defaults() {
    return new ProjectionOptions(500, Duration.ofSeconds(1), Duration.ofSeconds(30), 3, Duration.ofMillis(100),
        "node-" + UUID.randomUUID());
  }

  /** With this batch size. */
  public ProjectionOptions batchSize(int value) {
    return new ProjectionOptions(value, pollInterval, leaseDuration, maxAttempts, retryBackoff, nodeId, cluster);
  }

  /** With this poll interval. */
  public ProjectionOptions pollInterval(Duration value) {
    return new ProjectionOptions(batchSize, value, leaseDuration, maxAttempts, retryBackoff, nodeId, cluster);
  }

  /** With this lease duration. */
  public ProjectionOptions leaseDuration(Duration value) {
    return new ProjectionOptions(batchSize, pollInterval, value, maxAttempts, retryBackoff, nodeId, cluster);
  }

  /** With this number of tries. */
  public ProjectionOptions maxAttempts(int value) {
    return new ProjectionOptions(batchSize, pollInterval, leaseDuration, value, retryBackoff, nodeId, cluster);
  }

  /** With this first backoff. */
  public ProjectionOptions retryBackoff(Duration value) {
    return new ProjectionOptions(batchSize, pollInterval, leaseDuration, maxAttempts, value, nodeId, cluster);
  }

  /** With this node id. */
  public ProjectionOptions nodeId(String value) {
    return new ProjectionOptions(batchSize, pollInterval, leaseDuration, maxAttempts, retryBackoff, value, cluster);
  }

  /** In this daemon cluster. */
  public ProjectionOptions cluster(DaemonCluster value) {
    return new ProjectionOptions(batchSize, pollInterval, leaseDuration, maxAttempts, retryBackoff, nodeId, value);
  }
}
