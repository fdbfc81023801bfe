package io.rillflow.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Conditions joined by {@code AND} or {@code OR}; nested joins of the same kind are flattened.
 *
 * @param <D> the document type
 */
public final class Junction<D> implements Condition<D> {
  private final boolean and;
  private final List<Condition<D>> parts;
  private final String shape;

  private Junction(boolean and, List<Condition<D>> parts) {
    this.and = and;
    this.parts = List.copyOf(parts);
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < parts.size(); i++) {
      text.append(i == 0 ? "" : and ? " AND " : " OR ").append(parts.get(i).shape());
    }
    this.shape = text.append(')').toString();
  }

  static <D> Junction<D> and(Condition<D> left, Condition<D> right) {
    return join(true, left, right);
  }

  static <D> Junction<D> or(Condition<D> left, Condition<D> right) {
    return join(false, left, right);
  }

  private static <D> Junction<D> join(boolean and, Condition<D> left, Condition<D> right) {
    List<Condition<D>> parts = new ArrayList<>();
    for (Condition<D> side : List.of(left, right)) {
      if (side instanceof Junction<D> junction && junction.and == and) {
        parts.addAll(junction.parts);
      } else {
        parts.add(side);
      }
    }
    return new Junction<>(and, parts);
  }

  /** Whether every part must hold ({@code AND}), else any ({@code OR}). */
  public boolean isAnd() {
    return and;
  }

  public List<Condition<D>> parts() {
    return parts;
  }

  @Override
  public String shape() {
    return shape;
  }

  @Override
  public String toString() {
    return shape;
  }
}
