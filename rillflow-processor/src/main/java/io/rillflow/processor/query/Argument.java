package io.rillflow.processor.query;

/** What a criterion compares with: a method parameter, or a literal written in {@code @Query}. */
public sealed interface Argument {

  /** The method's parameter at {@code index}. */
  record Parameter(int index) implements Argument {}

  /** A literal: a String, a BigDecimal or a Boolean. */
  record Literal(Object value) implements Argument {}
}
