package io.rillflow;

import io.rillflow.query.DocumentQuery;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads documents. A query session from {@link DocumentStore#querySession()} only reads: no
 * identity map, no unit of work, nothing to save. {@link DocumentSession} adds writing.
 *
 * <p>Not thread-safe: one session per unit of work, on one thread. Closing it is cheap; a session
 * holds a connection only while a statement runs.
 */
public interface QuerySession extends AutoCloseable {

  /**
   * The document with this id, if it exists (and, for soft-deleted types, is not deleted).
   *
   * @throws IllegalArgumentException when {@code type} is not a registered document or {@code id}
   *     is not of its id type
   */
  <T> Optional<T> load(Class<T> type, Object id);

  /**
   * The documents with these ids, in the order of {@code ids}; ids with no document are skipped.
   * One round trip.
   */
  <T> List<T> loadMany(Class<T> type, Collection<?> ids);

  /** The documents with these ids, in the order given; see {@link #loadMany(Class, Collection)}. */
  default <T> List<T> loadMany(Class<T> type, Object... ids) {
    return loadMany(type, List.of(ids));
  }

  /** Whether the document of {@code type} with {@code id} exists (and is not soft-deleted). */
  <T> boolean exists(Class<T> type, Object id);

  /**
   * The version and timestamps of the document with this id, without reading it into its class;
   * also for a soft-deleted one ({@link DocumentMetadata#deletedAt()} says when). Empty when there is
   * no such row. Not from the identity map: a change queued in a session shows after saveChanges().
   */
  <T> Optional<DocumentMetadata> metadata(Class<T> type, Object id);

  /** A query over every document of {@code type}. */
  <T> DocumentQuery<T> query(Class<T> type);

  /** Ends the session; pending changes of a {@link DocumentSession} that were not saved are dropped. */
  @Override
  void close();
}
