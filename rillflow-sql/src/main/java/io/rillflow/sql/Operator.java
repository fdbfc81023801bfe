package io.rillflow.sql;

/**
 * What a {@link SqlCondition.Test} tests. String patterns ({@code startsWith}, {@code Containing}
 * text) are {@link #LIKE} with an operand that adds the wildcards.
 */
public enum Operator {
  EQ(1), NE(1), LT(1), LE(1), GT(1), GE(1), BETWEEN(2), IN(1), NOT_IN(1), IS_NULL(0), IS_NOT_NULL(0),
  LIKE(1), NOT_LIKE(1),
  /** The JSON array holds the one element. */
  CONTAINS(1),
  /** The JSON array does not hold the one element. */
  NOT_CONTAINS(1),
  /** The JSON array holds every element of a collection. */
  CONTAINS_ALL(1),
  /** The JSON array holds at least one element of a collection. */
  CONTAINS_ANY(1),
  /** The JSON array is missing or empty. */
  IS_EMPTY(0);

  private final int operands;

  Operator(int operands) {
    this.operands = operands;
  }

  /** How many values the operator compares with. */
  public int operands() {
    return operands;
  }

  /** Whether {@code ignoreCase} changes what the operator does. */
  public boolean takesIgnoreCase() {
    return this == EQ || this == NE || this == LIKE || this == NOT_LIKE;
  }
}
