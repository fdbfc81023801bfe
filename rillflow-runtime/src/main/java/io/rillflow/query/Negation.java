package io.rillflow.query;

/**
 * The opposite of a condition.
 *
 * @param <D> the document type
 */
public final class Negation<D> implements Condition<D> {
  private final Condition<D> negated;
  private final String shape;

  Negation(Condition<D> negated) {
    this.negated = java.util.Objects.requireNonNull(negated, "negated");
    this.shape = "NOT " + negated.shape();
  }

  public Condition<D> negated() {
    return negated;
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
