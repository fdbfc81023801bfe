package io.rillflow.query;

import io.rillflow.sql.Operator;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A path to a collection (a JSON array) whose elements are of type {@code E}.
 *
 * @param <D> the document type
 * @param <E> the element type
 */
public class CollectionPath<D, E> extends Path<D, Collection<E>> {

  public CollectionPath(List<String> segments, Class<E> elementType) {
    super(segments, null, false, elementType, true);
  }

  /**
   * Not for collections: a JSON array is matched by its elements. Use {@link #contains},
   * {@link #containsAll} or {@link #containsAny}.
   *
   * @deprecated always fails
   */
  @Override
  @Deprecated
  public Condition<D> eq(Collection<E> value) {
    throw new UnsupportedOperationException(notForCollections("eq"));
  }

  /** @deprecated always fails; see {@link #eq}. */
  @Override
  @Deprecated
  public Condition<D> ne(Collection<E> value) {
    throw new UnsupportedOperationException(notForCollections("ne"));
  }

  /** @deprecated always fails; see {@link #eq}. */
  @Override
  @Deprecated
  public Condition<D> in(Collection<? extends Collection<E>> values) {
    throw new UnsupportedOperationException(notForCollections("in"));
  }

  private String notForCollections(String operator) {
    return operator + " does not apply to the collection " + dotted() + "; use contains, containsAll or containsAny";
  }

  /** The collection holds {@code element}. */
  public Condition<D> contains(E element) {
    return new Comparison<>(this, Operator.CONTAINS, element);
  }

  /** The collection holds every one of {@code elements}. */
  public Condition<D> containsAll(Collection<? extends E> elements) {
    return new Comparison<>(this, Operator.CONTAINS_ALL, List.copyOf(elements));
  }

  /** The collection holds every one of {@code elements}. */
  @SafeVarargs
  public final Condition<D> containsAll(E... elements) {
    return containsAll(Arrays.asList(elements));
  }

  /** The collection holds at least one of {@code elements}. */
  public Condition<D> containsAny(Collection<? extends E> elements) {
    return new Comparison<>(this, Operator.CONTAINS_ANY, List.copyOf(elements));
  }

  /** The collection holds at least one of {@code elements}. */
  @SafeVarargs
  public final Condition<D> containsAny(E... elements) {
    return containsAny(Arrays.asList(elements));
  }

  /** The collection is missing or has no element. */
  public Condition<D> isEmpty() {
    return new Comparison<>(this, Operator.IS_EMPTY, null);
  }
}
