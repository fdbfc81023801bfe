package io.rillflow.projections;

import io.rillflow.DocumentStore;
import java.util.List;

/**
 * The store's projections: the {@link ProjectionDaemon daemon} that runs the async ones, and the
 * dead letters (events a projection gave up on). From {@link DocumentStore#projections()}.
 *
 * <pre>{@code
 * ProjectionDaemon daemon = store.projections().daemon();
 * daemon.start();
 * for (DeadLetter letter : store.projections().deadLetters("order-totals")) {
 *   log.warn("{} failed: {}", letter.position(), letter.error());
 *   store.projections().requeue(letter.id());     // once the projection is fixed
 * }
 * }</pre>
 */
public interface Projections {

  /** The daemon of this store (one per store): not started until {@link ProjectionDaemon#start()}. */
  ProjectionDaemon daemon();

  /** The names of the registered projections, in registration order. */
  List<String> names();

  /**
   * The dead letters of an async projection, oldest event first.
   *
   * @throws IllegalArgumentException when no async projection has that name (the message lists them)
   */
  List<DeadLetter> deadLetters(String projection);

  /**
   * Asks the daemon that holds the projection to apply the event again (after every event it has
   * already applied, so out of global order); on success the dead letter is deleted.
   *
   * @return whether there was such a dead letter
   */
  boolean requeue(long deadLetterId);

  /**
   * Forgets a dead letter: the event stays unapplied.
   *
   * @return whether there was such a dead letter
   */
  boolean delete(long deadLetterId);

  /** The daemon clusters of this store's schema (hotcold and distributed, see {@link DaemonCluster}). */
  DaemonClusters clusters();
}
