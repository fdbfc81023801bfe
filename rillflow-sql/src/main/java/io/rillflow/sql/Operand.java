package io.rillflow.sql;

/**
 * One value a test compares with: the caller's value number {@code slot} (the processor's method
 * parameter or literal, the runtime's condition value), in the order the caller numbers them.
 *
 * @param slot which of the caller's values
 * @param textLiteral whether the value is text written in a query that the SQL must cast to the
 *     path's type ({@code published < '1960-01-01'})
 * @param before for a pattern: wildcards put before the escaped text, else {@code null}
 * @param after for a pattern: wildcards put after the escaped text, else {@code null}
 */
public record Operand(int slot, boolean textLiteral, String before, String after) {

  /** The value as it is. */
  public static Operand value(int slot) {
    return new Operand(slot, false, null, null);
  }

  /** Text from a query that is cast to the compared type in SQL. */
  public static Operand textLiteral(int slot) {
    return new Operand(slot, true, null, null);
  }

  /** Plain text matched literally inside a {@code LIKE} pattern: {@code before + escaped(text) + after}. */
  public static Operand pattern(int slot, String before, String after) {
    return new Operand(slot, false, before, after);
  }

  public boolean isPattern() {
    return before != null;
  }
}
