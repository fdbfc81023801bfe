package io.rillflow.internal.query;

import io.rillflow.query.Condition;

/** The opposite of a condition. */
public final class Negation<D> implements ConditionNode<D> {
  private final ConditionNode<D> negated;
  private final String shape;

  public Negation(Condition<D> negated) {
    this.negated = Junction.node(negated);
    this.shape = "NOT " + this.negated.shape();
  }

  public ConditionNode<D> negated() {
    return negated;
  }

  @Override
  public String shape() {
    return shape;
  }
}
