package io.rillflow.query;

import java.util.List;

/**
 * A path to a boolean.
 *
 * @param <D> the document type
 */
public class BooleanPath<D> extends Path<D, Boolean> {

  public BooleanPath(List<String> segments, String column) {
    super(segments, column, false, Boolean.class);
  }

  /** The value is {@code true}. */
  public Condition<D> isTrue() {
    return eq(Boolean.TRUE);
  }

  /** The value is {@code false}. */
  public Condition<D> isFalse() {
    return eq(Boolean.FALSE);
  }
}
