package io.rillflow.aggregates;

/**
 * An aggregate that checks its own invariants: every append through an {@link AggregateRepository}
 * folds the new state and calls {@link #validate()} before the commit; when it throws, nothing is
 * written and the append fails with {@link InvariantViolationException}.
 *
 * <pre>{@code
 * @Aggregate
 * public record Account(String id, BigDecimal balance) implements ValidatedAggregate {
 *   @Override public void validate() {
 *     if (balance.signum() < 0) throw new IllegalStateException("balance below zero: " + balance);
 *   }
 *   ...
 * }
 * }</pre>
 */
public interface ValidatedAggregate {

  /**
   * Checks the state's invariants.
   *
   * @throws RuntimeException (any unchecked exception) when one does not hold; its message says which
   */
  void validate();
}
