package io.rillflow.query;

/**
 * A condition on documents of type {@code D}, made from the metamodel's typed paths and combined
 * with {@link #and}, {@link #or} and {@link #not}:
 *
 * <pre>{@code
 * session.query(Customer.class)
 *     .where(Customer_.tier.eq(Tier.VIP).and(Customer_.address.city.eq("Paris").not()))
 *     .list();
 * }</pre>
 *
 * <p>Conditions are immutable; values are always sent as bound parameters. The interface is sealed:
 * every condition is a {@link Comparison} made by a path, or a {@link Junction} or {@link Negation}
 * of conditions.
 *
 * @param <D> the document type
 */
public sealed interface Condition<D> permits Comparison, Junction, Negation {

  /** Both this and {@code other}. */
  default Condition<D> and(Condition<D> other) {
    return Junction.and(this, other);
  }

  /** This or {@code other}, or both. */
  default Condition<D> or(Condition<D> other) {
    return Junction.or(this, other);
  }

  /** The opposite of this condition. */
  default Condition<D> not() {
    return new Negation<>(this);
  }

  /** The opposite of {@code condition}. */
  static <D> Condition<D> not(Condition<D> condition) {
    return condition.not();
  }

  /**
   * The condition's shape: operators and paths, without the values. Two conditions of one shape
   * have the same SQL, so the SQL is cached by it.
   */
  String shape();
}
