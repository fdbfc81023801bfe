package io.rillflow.query;

import io.rillflow.sql.Operator;
import java.util.List;

/**
 * A path to an ordered value: a number, a date or time, a UUID, an enum (by name) or a string.
 *
 * @param <D> the document type
 * @param <V> the value type
 */
public class ComparablePath<D, V extends Comparable<? super V>> extends Path<D, V> {

  public ComparablePath(List<String> segments, String column, boolean lowercaseColumn, Class<V> valueType) {
    super(segments, column, lowercaseColumn, valueType);
  }

  /** Less than {@code value}. */
  public Condition<D> lt(V value) {
    return new Comparison<>(this, Operator.LT, value);
  }

  /** Less than or equal to {@code value}. */
  public Condition<D> le(V value) {
    return new Comparison<>(this, Operator.LE, value);
  }

  /** Greater than {@code value}. */
  public Condition<D> gt(V value) {
    return new Comparison<>(this, Operator.GT, value);
  }

  /** Greater than or equal to {@code value}. */
  public Condition<D> ge(V value) {
    return new Comparison<>(this, Operator.GE, value);
  }

  /** Between {@code low} and {@code high}, both included. */
  public Condition<D> between(V low, V high) {
    return new Comparison<>(this, Operator.BETWEEN, List.of(low, high));
  }
}
