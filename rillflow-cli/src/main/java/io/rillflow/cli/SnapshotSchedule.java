package io.rillflow.cli;

import io.rillflow.DocumentStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether, and how often, a {@link DaemonHost} compacts snapshots in the background: every
 * {@code interval} it runs {@link io.rillflow.aggregates.SnapshotCompaction#runUntilIdle(long, int)}
 * on a thread of its own, beside the projection daemon. Safe on several nodes at once (a snapshot is
 * written only if no newer one is there), so every node of a cluster may run it. {@link #NONE} (the
 * default) does nothing.
 *
 * <pre>{@code
 * DaemonHost.start(store, "127.0.0.1:8080", meters, SnapshotSchedule.every(Duration.ofSeconds(30), 200, 100));
 * }</pre>
 *
 * <p>A failed round (database down, a fold that throws) is logged and the next round runs on time:
 * compaction is an optimisation, and loads stay correct without it.
 *
 * @param interval the wait between the end of one round and the start of the next
 * @param threshold snapshot streams with more than this many events past their last snapshot
 * @param batch streams per batch
 */
public record SnapshotSchedule(Duration interval, long threshold, int batch) {
  /** No background compaction. */
  public static final SnapshotSchedule NONE = new SnapshotSchedule(Duration.ZERO, 0, 1);

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotSchedule.class);

  /** Checks the values; only {@link #NONE} has a zero interval. */
  public SnapshotSchedule {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || threshold < 0 || batch < 1) {
      throw new IllegalArgumentException("A snapshot schedule needs an interval of 0 or more, a threshold of 0 or more"
          + " and a batch of at least 1, but had " + interval + ", " + threshold + " and " + batch);
    }
  }

  /**
   * Compacts every {@code interval}.
   *
   * @throws IllegalArgumentException when {@code interval} is not positive, {@code threshold} negative
   *     or {@code batch} below 1
   */
  public static SnapshotSchedule every(Duration interval, long threshold, int batch) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("The snapshot interval must be positive, but was " + interval);
    }
    return new SnapshotSchedule(interval, threshold, batch);
  }

  /** Whether it compacts at all. */
  public boolean enabled() {
    return !interval.isZero();
  }

  /**
   * Starts the rounds on {@code store}; running what it returns stops them (waiting for a round under
   * way to end, so the store may close after). {@link #NONE} starts nothing and returns a no-op.
   */
  Runnable start(DocumentStore store) {
    if (!enabled()) {
      return () -> { };
    }
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "rillflow-snapshot-compaction");
      thread.setDaemon(true);
      return thread;
    });
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(() -> round(store), 0, millis, TimeUnit.MILLISECONDS);
    return () -> {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    };
  }

  /** One round; never throws, or the executor would cancel every later round. */
  private void round(DocumentStore store) {
    try {
      long written = store.snapshots().runUntilIdle(threshold, batch);
      if (written > 0) {
        LOG.info("Snapshot compaction wrote {} snapshot(s)", written);
      }
    } catch (RuntimeException e) {
      LOG.warn("Snapshot compaction failed; the next round runs in {}", interval, e);
    }
  }
}
