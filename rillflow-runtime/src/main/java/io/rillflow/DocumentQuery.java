package io.rillflow;

import java.util.List;
import java.util.stream.Stream;

/**
 * A query over one document type, from {@link QuerySession#query(Class)}. Soft-deleted documents
 * are skipped.
 *
 * @param <T> the document type
 */
public interface DocumentQuery<T> {

  /** Every matching document in a list. Prefer {@link #stream()} for large results. */
  List<T> list();

  /**
   * The matching documents from a cursor, read in batches of the fetch size: close the stream
   * (try-with-resources) to release its connection.
   */
  Stream<T> stream();

  /** How many documents match. */
  long count();

  /** Whether any document matches. */
  boolean exists();
}
