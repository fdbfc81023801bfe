package io.rillflow;

/**
 * Changes parts of one stored document in SQL, without loading it: queued by
 * {@link DocumentSession#patch(Class, Object)}, written by {@code saveChanges()} as one
 * {@code UPDATE} of nested {@code jsonb_set} calls. Duplicated columns follow, being generated from
 * the JSON.
 *
 * <pre>{@code
 * session.patch(Customer.class, id).set("profile.name", "Ada").increment("visits", 1);
 * session.saveChanges();
 * }</pre>
 *
 * <p>Paths are JSON property names separated by dots. A missing last property is created; missing
 * parents are not (the change then leaves the document as it was). Patching a document that does
 * not exist fails {@code saveChanges()} with {@link DocumentNotFoundException}. The document's
 * version goes up by one, as for any update.
 */
public interface DocumentPatch {

  /** Sets the value at {@code path}, written as JSON by the store's mapper. */
  DocumentPatch set(String path, Object value);

  /**
   * Adds {@code by} to the number at {@code path}; a missing number counts as 0. When the path is a
   * {@code long}, {@code int}, {@code short} or {@code byte} member, a result outside its range fails
   * {@code saveChanges()}, naming the path, with nothing written: the document stays readable.
   */
  DocumentPatch increment(String path, long by);

  /** Adds {@code by} to the number at {@code path}; a missing number counts as 0. */
  DocumentPatch increment(String path, double by);

  /** Removes the property at {@code path}. */
  DocumentPatch remove(String path);
}
