package io.rillflow.internal.query;

/** What a {@link Comparison} tests. */
public enum Operator {
  EQ, NE, LT, LE, GT, GE, BETWEEN, IN, IS_NULL, IS_NOT_NULL, EQ_IGNORE_CASE, LIKE, ILIKE,
  CONTAINS_ALL, CONTAINS_ANY, IS_EMPTY
}
