package io.rillflow.internal.query;

import io.rillflow.query.Condition;
import java.util.ArrayList;
import java.util.List;

/** Conditions joined by {@code AND} or {@code OR}; nested joins of the same kind are flattened. */
public final class Junction<D> implements ConditionNode<D> {
  private final boolean and;
  private final List<ConditionNode<D>> parts;
  private final String shape;

  private Junction(boolean and, List<ConditionNode<D>> parts) {
    this.and = and;
    this.parts = List.copyOf(parts);
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < parts.size(); i++) {
      text.append(i == 0 ? "" : and ? " AND " : " OR ").append(parts.get(i).shape());
    }
    this.shape = text.append(')').toString();
  }

  public static <D> Junction<D> and(Condition<D> left, Condition<D> right) {
    return join(true, left, right);
  }

  public static <D> Junction<D> or(Condition<D> left, Condition<D> right) {
    return join(false, left, right);
  }

  private static <D> Junction<D> join(boolean and, Condition<D> left, Condition<D> right) {
    List<ConditionNode<D>> parts = new ArrayList<>();
    for (Condition<D> side : List.of(left, right)) {
      ConditionNode<D> node = node(side);
      if (node instanceof Junction<D> junction && junction.and == and) {
        parts.addAll(junction.parts);
      } else {
        parts.add(node);
      }
    }
    return new Junction<>(and, parts);
  }

  /** Every condition is one of ours: Condition's default methods and the paths make them. */
  @SuppressWarnings("unchecked")
  static <D> ConditionNode<D> node(Condition<D> condition) {
    if (condition instanceof ConditionNode<?> node) {
      return (ConditionNode<D>) node;
    }
    throw new IllegalArgumentException("Conditions are made from the metamodel's paths, not implemented by hand: " + condition);
  }

  public boolean isAnd() {
    return and;
  }

  public List<ConditionNode<D>> parts() {
    return parts;
  }

  @Override
  public String shape() {
    return shape;
  }
}
