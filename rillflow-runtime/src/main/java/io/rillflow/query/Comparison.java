package io.rillflow.query;

import io.rillflow.sql.Operator;
import java.util.Collection;

/**
 * One path compared with a value, made by the path's methods ({@code Book_.pages.gt(300)}): a list
 * of values for {@code in}, {@code between} and the collection operators, nothing for the null and
 * empty tests. A pattern ({@code startsWith}) keeps the plain text and the wildcards put around it.
 *
 * @param <D> the document type
 */
public final class Comparison<D> implements Condition<D> {
  private final Path<D, ?> path;
  private final Operator operator;
  private final boolean ignoreCase;
  private final Object value;
  private final String before;
  private final String after;
  private final String shape;

  Comparison(Path<D, ?> path, Operator operator, boolean ignoreCase, Object value, String before, String after) {
    if (value == null && operator.operands() > 0) {
      throw new IllegalArgumentException(operator + " on " + path.dotted() + " needs a value; use isNull() to test for none");
    }
    if (value instanceof Collection<?> values && values.stream().anyMatch(v -> v == null)) {
      throw new IllegalArgumentException(operator + " on " + path.dotted() + " cannot take null values");
    }
    this.path = path;
    this.operator = operator;
    this.ignoreCase = ignoreCase;
    this.value = value;
    this.before = before;
    this.after = after;
    // A collection is one array parameter whatever its length, so the length is not part of the shape.
    // A pattern's wildcards are: the cached bind plan adds them.
    this.shape = operator + (ignoreCase ? " ignoring case " : " ") + path.dotted()
        + (before == null ? "" : " " + before + "_" + after);
  }

  Comparison(Path<D, ?> path, Operator operator, Object value) {
    this(path, operator, false, value, null, null);
  }

  public Path<D, ?> path() {
    return path;
  }

  public Operator operator() {
    return operator;
  }

  /** Whether strings compare regardless of case. */
  public boolean ignoreCase() {
    return ignoreCase;
  }

  /** The value: a list for {@code between} and the operators on collections; {@code null} for none. */
  public Object value() {
    return value;
  }

  /** For a pattern on plain text, the wildcards before it; else {@code null}. */
  public String before() {
    return before;
  }

  /** For a pattern on plain text, the wildcards after it; else {@code null}. */
  public String after() {
    return after;
  }

  @Override
  public String shape() {
    return shape;
  }

  @Override
  public String toString() {
    return path.dotted() + " " + operator + (ignoreCase ? " ignoring case" : "") + (value == null ? "" : " " + value);
  }
}
