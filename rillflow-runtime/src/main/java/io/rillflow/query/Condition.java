package io.rillflow.query;

import io.rillflow.internal.query.Junction;
import io.rillflow.internal.query.Negation;

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
 * <p>Conditions are immutable; values are always sent as bound parameters.
 *
 * @param <D> the document type
 */
public interface Condition<D> {

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
}
