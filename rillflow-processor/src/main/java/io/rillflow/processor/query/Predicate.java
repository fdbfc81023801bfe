package io.rillflow.processor.query;

import io.rillflow.processor.model.PathModel;
import java.util.List;

/** A query's condition: criteria joined by {@code and}/{@code or}, possibly negated. */
public sealed interface Predicate {

  /**
   * One path tested by one operator.
   *
   * @param path the document path
   * @param operator the test
   * @param ignoreCase whether strings compare regardless of case
   * @param arguments as many as the operator's arity
   */
  record Criterion(PathModel path, QueryOperator operator, boolean ignoreCase, List<Argument> arguments) implements Predicate {}

  /** Every part ({@code and}) or any part ({@code or}). */
  record Junction(boolean and, List<Predicate> parts) implements Predicate {}

  /** The opposite. */
  record Not(Predicate negated) implements Predicate {}
}
