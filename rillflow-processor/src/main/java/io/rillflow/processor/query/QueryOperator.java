package io.rillflow.processor.query;

/** What a criterion tests, and how many values it takes. */
public enum QueryOperator {
  EQ(1), NE(1), LT(1), LE(1), GT(1), GE(1), BETWEEN(2), IN(1), NOT_IN(1), IS_NULL(0), IS_NOT_NULL(0),
  LIKE(1), NOT_LIKE(1), STARTS_WITH(1), ENDS_WITH(1), CONTAINING(1), NOT_CONTAINING(1), TRUE(0), FALSE(0);

  private final int arity;

  QueryOperator(int arity) {
    this.arity = arity;
  }

  /** How many values the operator compares with. */
  public int arity() {
    return arity;
  }

  /** The operator as a user writes it, for messages. */
  public String describe() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
