package io.rillflow.query;

import io.rillflow.sql.Operator;
import io.rillflow.sql.SqlPath;
import io.rillflow.sql.SqlTypes;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A typed path into documents of type {@code D} holding values of type {@code V}: the metamodel
 * ({@code Customer_}) has one constant per queryable member, nested paths included
 * ({@code Customer_.address.city}). The operators a path offers fit its type: strings have
 * {@code like}, numbers and dates have {@code lt}, collections have {@code contains}.
 *
 * <p>A path whose value is copied into a {@code @Duplicated} column queries that column (and its
 * index); others query the JSON, using containment ({@code @>}) where the operator allows, so a GIN
 * index on the document serves them. A column declared {@code lowercase = true} holds the value in
 * lower case, so {@code eq}, {@code ne}, {@code in} and patterns on it compare regardless of case.
 * The SQL follows the rule book repository methods use ({@code io.rillflow.sql}).
 *
 * @param <D> the document type
 * @param <V> the value type
 */
public class Path<D, V> {
  private final List<String> segments;
  private final String column;
  private final boolean lowercaseColumn;
  private final Class<?> valueType;
  private final SqlPath sqlPath;

  /**
   * @param segments JSON property names from the document root
   * @param column the {@code @Duplicated} column holding this value, or {@code null}
   * @param lowercaseColumn whether that column holds the value in lower case
   * @param valueType the value class (the element class, for a collection)
   */
  public Path(List<String> segments, String column, boolean lowercaseColumn, Class<?> valueType) {
    this(segments, column, lowercaseColumn, valueType, false);
  }

  Path(List<String> segments, String column, boolean lowercaseColumn, Class<?> valueType, boolean collection) {
    // The rule book checks the segments and the column: both reach SQL text.
    this.sqlPath = new SqlPath(segments, column, lowercaseColumn,
        SqlTypes.compareType(valueType.getName(), valueType.isEnum()), collection);
    this.segments = sqlPath.segments();
    this.column = column;
    this.lowercaseColumn = sqlPath.lowercase();
    this.valueType = valueType;
  }

  /** This path as the SQL rules see it. */
  public final SqlPath sqlPath() {
    return sqlPath;
  }

  /** JSON property names from the document root. */
  public final List<String> segments() {
    return segments;
  }

  /** The dotted path, as written in {@code @Query}: {@code address.city}. */
  public final String dotted() {
    return String.join(".", segments);
  }

  /** The {@code @Duplicated} column holding this value, or {@code null}. */
  public final String column() {
    return column;
  }

  /** Whether {@link #column()} holds the value in lower case. */
  public final boolean lowercaseColumn() {
    return lowercaseColumn;
  }

  /** The value class (the element class, for a collection). */
  public final Class<?> valueType() {
    return valueType;
  }

  /** Equal to {@code value}; {@code null} means {@link #isNull()}. */
  public Condition<D> eq(V value) {
    return value == null ? isNull() : new Comparison<>(this, Operator.EQ, value);
  }

  /** Not equal to {@code value}; documents without a value do not match. */
  public Condition<D> ne(V value) {
    return value == null ? isNotNull() : new Comparison<>(this, Operator.NE, value);
  }

  /** Equal to one of {@code values}. */
  public Condition<D> in(Collection<? extends V> values) {
    return new Comparison<>(this, Operator.IN, List.copyOf(values));
  }

  /** Equal to one of {@code values}. */
  @SafeVarargs
  public final Condition<D> in(V... values) {
    return in(Arrays.asList(values));
  }

  /** No value here (missing or JSON {@code null}). */
  public Condition<D> isNull() {
    return new Comparison<>(this, Operator.IS_NULL, null);
  }

  /** Some value here. */
  public Condition<D> isNotNull() {
    return new Comparison<>(this, Operator.IS_NOT_NULL, null);
  }

  /** Ascending by this path. */
  public Sort asc() {
    return Sort.of(new Sort.Order(segments, column, valueType, false));
  }

  /** Descending by this path. */
  public Sort desc() {
    return Sort.of(new Sort.Order(segments, column, valueType, true));
  }

  @Override
  public String toString() {
    return dotted();
  }
}
