package io.rillflow.aggregates;

/**
 * The background snapshotter: writes snapshots for aggregate streams whose tail (events past their
 * last snapshot, or all of them when there is none) has grown beyond a threshold, so loads fold a
 * short tail instead. From {@link io.rillflow.DocumentStore#snapshots()}; thread-safe, and safe to
 * run on several nodes at once (a snapshot is written only if no newer one is there).
 *
 * <pre>{@code
 * int written = store.snapshots().compactOnce(500, 100);     // one batch of at most 100 streams
 * long all = store.snapshots().runUntilIdle(500, 100);       // batches until no stream qualifies
 * }</pre>
 *
 * <p>A stream is known to belong to an aggregate by its snapshot row (the aggregate class), or, before
 * it has one, by its {@link io.rillflow.events.AppendOptions.Builder#streamType(String) stream type}:
 * the aggregate class's simple or qualified name. Only aggregates with {@code snapshotEvery > 0} are
 * compacted; archived streams are left alone.
 */
public interface SnapshotCompaction {

  /**
   * Snapshots at most {@code batch} streams whose tail is longer than {@code threshold} events, each
   * at its current version.
   *
   * @return how many snapshots were written
   * @throws IllegalArgumentException when {@code threshold} is negative or {@code batch} below 1
   */
  int compactOnce(long threshold, int batch);

  /**
   * Runs {@link #compactOnce(long, int)} until no stream qualifies.
   *
   * @return how many snapshots were written in all
   */
  long runUntilIdle(long threshold, int batch);
}
