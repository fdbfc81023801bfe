package io.rillflow.query;

import io.rillflow.sql.Operator;
import java.util.List;

/**
 * A path to a string (or an enum or char, compared as text). Patterns use SQL {@code LIKE} syntax
 * ({@code %} any run, {@code _} one character); {@link #startsWith}, {@link #endsWith} and
 * {@link #containsText} take plain text.
 *
 * @param <D> the document type
 */
public class StringPath<D> extends ComparablePath<D, String> {

  public StringPath(List<String> segments, String column, boolean lowercaseColumn) {
    super(segments, column, lowercaseColumn, String.class);
  }

  /** Equal, ignoring case. */
  public Condition<D> eqIgnoreCase(String value) {
    return new Comparison<>(this, Operator.EQ, true, value, null, null);
  }

  /** Matches the SQL {@code LIKE} pattern. */
  public Condition<D> like(String pattern) {
    return new Comparison<>(this, Operator.LIKE, pattern);
  }

  /** Matches the SQL {@code LIKE} pattern, ignoring case. */
  public Condition<D> likeIgnoreCase(String pattern) {
    return new Comparison<>(this, Operator.LIKE, true, pattern, null, null);
  }

  /** Starts with {@code prefix}. */
  public Condition<D> startsWith(String prefix) {
    return new Comparison<>(this, Operator.LIKE, false, prefix, "", "%");
  }

  /** Starts with {@code prefix}, ignoring case. */
  public Condition<D> startsWithIgnoreCase(String prefix) {
    return new Comparison<>(this, Operator.LIKE, true, prefix, "", "%");
  }

  /** Ends with {@code suffix}. */
  public Condition<D> endsWith(String suffix) {
    return new Comparison<>(this, Operator.LIKE, false, suffix, "%", "");
  }

  /** Ends with {@code suffix}, ignoring case. */
  public Condition<D> endsWithIgnoreCase(String suffix) {
    return new Comparison<>(this, Operator.LIKE, true, suffix, "%", "");
  }

  /** Contains {@code text}. */
  public Condition<D> containsText(String text) {
    return new Comparison<>(this, Operator.LIKE, false, text, "%", "%");
  }

  /** Contains {@code text}, ignoring case. */
  public Condition<D> containsTextIgnoreCase(String text) {
    return new Comparison<>(this, Operator.LIKE, true, text, "%", "%");
  }
}
