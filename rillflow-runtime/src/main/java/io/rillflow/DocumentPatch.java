package io.rillflow;

import io.rillflow.query.Path;

/**
 * Changes parts of one stored document in SQL, without loading it: queued by
 * {@link DocumentSession#patch(Class, Object)}, written by {@code saveChanges()} as one
 * {@code UPDATE} of nested {@code jsonb_set} calls. Duplicated columns follow, being generated from
 * the JSON.
 *
 * <pre>{@code
 * session.patch(Book.class, id).set(Book_.author.country, "FR").increment(Book_.pages, 1);
 * session.saveChanges();
 * }</pre>
 *
 * <p>Paths come from the metamodel ({@code Book_}), so the compiler checks that the member exists
 * and that the value fits it. The forms taking a dotted name ({@code "author.country"}) check the
 * name and the value's JSON type against the mapping when called, and throw
 * {@link IllegalArgumentException} naming the document, the path and the expected type: a typo or a
 * value of the wrong kind never reaches the database, so it cannot bump the version without change,
 * add a junk property or make later loads fail.
 *
 * <p>A missing last property is created; missing parents are not (the change then leaves the
 * document as it was). Patching a document that does not exist fails {@code saveChanges()} with
 * {@link DocumentNotFoundException}. The document's version goes up by one, as for any update.
 *
 * @param <T> the document type
 */
public interface DocumentPatch<T> {

  /** Sets the member at {@code path} to {@code value}, written as JSON by the store's mapper. */
  <V> DocumentPatch<T> set(Path<T, V> path, V value);

  /**
   * Adds {@code by} to the number at {@code path}; a missing number counts as 0. When the member is a
   * {@code long}, {@code int}, {@code short} or {@code byte}, a result outside its range fails
   * {@code saveChanges()}, naming the path, with nothing written: the document stays readable.
   */
  DocumentPatch<T> increment(Path<T, ? extends Number> path, long by);

  /** Adds {@code by} to the number at {@code path}; a missing number counts as 0. */
  DocumentPatch<T> increment(Path<T, ? extends Number> path, double by);

  /** Removes the member at {@code path} from the JSON (it then reads as its Java default). */
  DocumentPatch<T> remove(Path<T, ?> path);

  /**
   * As {@link #set(Path, Object)}, by dotted name.
   *
   * @throws IllegalArgumentException when the document has no such member or {@code value} is not of
   *     its JSON type; nothing of this call is queued
   */
  DocumentPatch<T> set(String path, Object value);

  /**
   * As {@link #increment(Path, long)}, by dotted name.
   *
   * @throws IllegalArgumentException when the document has no such member or it is not a number
   */
  DocumentPatch<T> increment(String path, long by);

  /** As {@link #increment(Path, double)}, by dotted name; checked as {@link #increment(String, long)}. */
  DocumentPatch<T> increment(String path, double by);

  /**
   * As {@link #remove(Path)}, by dotted name.
   *
   * @throws IllegalArgumentException when the document has no such member
   */
  DocumentPatch<T> remove(String path);
}
