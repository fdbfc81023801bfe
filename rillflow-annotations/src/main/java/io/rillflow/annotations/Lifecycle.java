package io.rillflow.annotations;

/**
 * Where an {@link Aggregate}'s current state lives besides its event stream, and when a
 * {@link ReadModel} is written.
 */
public enum Lifecycle {
  /** Folded from the events each time it is loaded; nothing else is stored. */
  LIVE,
  /**
   * Also stored as a document in the same transaction as each append through the aggregate's
   * repository; the class must also be a {@code @Document} whose id is the stream id. For a
   * {@link ReadModel}: written in the transaction of every append.
   */
  INLINE,
  /**
   * Also stored as a document (the class must also be a {@code @Document}), by the projection
   * daemon after the append commits: projection {@code aggregate:<table>}. For a
   * {@link ReadModel}, the default: built by the daemon.
   */
  ASYNC
}
