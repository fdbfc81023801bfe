package io.rillflow.sql;

import java.util.List;

/** A condition on document paths: tests joined by {@code AND}/{@code OR}, possibly negated. */
public sealed interface SqlCondition {

  /**
   * One path tested by one operator.
   *
   * @param ignoreCase whether strings compare regardless of case (see {@link Operator#takesIgnoreCase})
   * @param operands as many as the operator takes
   */
  record Test(SqlPath path, Operator operator, boolean ignoreCase, List<Operand> operands) implements SqlCondition {
    public Test {
      operands = List.copyOf(operands);
      if (operands.size() != operator.operands()) {
        throw new IllegalArgumentException(operator + " takes " + operator.operands() + " values, not " + operands.size());
      }
      if (ignoreCase && !operator.takesIgnoreCase()) {
        throw new IllegalArgumentException("ignore case does not apply to " + operator);
      }
    }
  }

  /** Every part ({@code and}) or any part. */
  record Junction(boolean and, List<SqlCondition> parts) implements SqlCondition {
    public Junction {
      parts = List.copyOf(parts);
    }
  }

  /** The opposite. */
  record Not(SqlCondition negated) implements SqlCondition {}
}
