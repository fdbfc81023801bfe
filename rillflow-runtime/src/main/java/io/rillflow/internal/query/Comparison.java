package io.rillflow.internal.query;

import io.rillflow.query.Path;
import java.util.Collection;

/**
 * One path compared with a value (a list for {@code IN}, {@code BETWEEN} and the collection
 * operators; nothing for the null tests).
 */
public final class Comparison<D> implements ConditionNode<D> {
  private final Path<D, ?> path;
  private final Operator operator;
  private final Object value;
  private final String shape;

  public Comparison(Path<D, ?> path, Operator operator, Object value) {
    if (value == null && operator != Operator.IS_NULL && operator != Operator.IS_NOT_NULL && operator != Operator.IS_EMPTY) {
      throw new IllegalArgumentException(operator + " on " + path.dotted() + " needs a value; use isNull() to test for none");
    }
    this.path = path;
    this.operator = operator;
    this.value = value;
    // IN and the collection operators render one array parameter, whatever its length, so the
    // length is not part of the shape (except for containment, which is one JSON parameter too).
    this.shape = operator + " " + path.dotted();
    if (value instanceof Collection<?> values && values.stream().anyMatch(v -> v == null)) {
      throw new IllegalArgumentException(operator + " on " + path.dotted() + " cannot take null values");
    }
  }

  public Path<D, ?> path() {
    return path;
  }

  public Operator operator() {
    return operator;
  }

  public Object value() {
    return value;
  }

  @Override
  public String shape() {
    return shape;
  }

  /** {@code text} with {@code LIKE}'s wildcards and escape character escaped, to match literally. */
  public static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  @Override
  public String toString() {
    return path.dotted() + " " + operator + (value == null ? "" : " " + value);
  }
}
