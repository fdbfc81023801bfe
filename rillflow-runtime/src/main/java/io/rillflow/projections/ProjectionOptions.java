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
 * @param parallelism how many projections apply batches at once, each on a thread of the daemon's
 *     pool and a connection of the store's (default the processors available, at most 4); projections
 *     at the same checkpoint share one read of each batch whatever this is
 */
public record ProjectionOptions(int batchSize, Duration pollInterval, Duration leaseDuration, int maxAttempts,
    Duration retryBackoff, String nodeId, DaemonCluster cluster, int parallelism) {

  /** Checks the values. */
  public ProjectionOptions {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(cluster, "cluster");
    if (batchSize < 1 || maxAttempts < 1 || parallelism < 1) {
      throw new IllegalArgumentException("batchSize, maxAttempts and parallelism must be at least 1 but were "
          + batchSize + ", " + maxAttempts + " and " + parallelism);
    }
    if (pollInterval.isNegative() || pollInterval.isZero() || leaseDuration.toMillis() < 100 || retryBackoff.isNegative()) {
      throw new IllegalArgumentException("pollInterval must be positive, leaseDuration at least 100 ms and "
          + "retryBackoff not negative, but were " + pollInterval + ", " + leaseDuration + ", " + retryBackoff);
    }
  }

  /** Options outside any cluster ({@link DaemonCluster#single()}), with the default parallelism. */
  public ProjectionOptions(int batchSize, Duration pollInterval, Duration leaseDuration, int maxAttempts,
      Duration retryBackoff, String nodeId) {
    this(batchSize, pollInterval, leaseDuration, maxAttempts, retryBackoff, nodeId, DaemonCluster.single());
  }

  /** Options with the default parallelism. */
  public ProjectionOptions(int batchSize, Duration pollInterval, Duration leaseDuration, int maxAttempts,
      Duration retryBackoff, String nodeId, DaemonCluster cluster) {
    this(batchSize, pollInterval, leaseDuration, maxAttempts, retryBackoff, nodeId, cluster, defaultParallelism());
  }

  private static int defaultParallelism() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** The defaults. */
  public static ProjectionOptions defaults() {
    return new ProjectionOptions(500, Duration.ofSeconds(1), Duration.ofSeconds(30), 3, Duration.ofMillis(100),
        "node-" + UUID.randomUUID());
  }

  /** With this batch size. */
  public ProjectionOptions batchSize(int value) {
    return new ProjectionOptions(value, pollInterval, leaseDuration, maxAttempts, retryBackoff, nodeId, cluster, parallelism);
  }

  /** With this poll interval. */
  public ProjectionOptions pollInterval(Duration value) {
    return new ProjectionOptions(batchSize, value, leaseDuration, maxAttempts, retryBackoff, nodeId, cluster, parallelism);
  }

  /** With this lease duration. */
  public ProjectionOptions leaseDuration(Duration value) {
    return new ProjectionOptions(batchSize, pollInterval, value, maxAttempts, retryBackoff, nodeId, cluster, parallelism);
  }

  /** With this number of tries. */
  public ProjectionOptions maxAttempts(int value) {
    return new ProjectionOptions(batchSize, pollInterval, leaseDuration, value, retryBackoff, nodeId, cluster, parallelism);
  }

  /** With this first backoff. */
  public ProjectionOptions retryBackoff(Duration value) {
    return new ProjectionOptions(batchSize, pollInterval, leaseDuration, maxAttempts, value, nodeId, cluster, parallelism);
  }

  /** With this node id. */
  public ProjectionOptions nodeId(String value) {
    return new ProjectionOptions(batchSize, pollInterval, leaseDuration, maxAttempts, retryBackoff, value, cluster, parallelism);
  }

  /** In this daemon cluster. */
  public ProjectionOptions cluster(DaemonCluster value) {
    return new ProjectionOptions(batchSize, pollInterval, leaseDuration, maxAttempts, retryBackoff, nodeId, value, parallelism);
  }

  /** With this many projections applying at once (1: one after another, on the daemon's thread). */
  public ProjectionOptions parallelism(int value) {
    return new ProjectionOptions(batchSize, pollInterval, leaseDuration, maxAttempts, retryBackoff, nodeId, cluster, value);
  }
}
