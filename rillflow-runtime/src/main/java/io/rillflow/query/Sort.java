package io.rillflow.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordering of query results: one or more paths, each ascending or descending. Made from the
 * metamodel ({@code Customer_.email.asc()}) for dynamic queries, or by name
 * ({@code Sort.by("address.city").and(Sort.desc("since"))}) as a repository method parameter, where
 * each name is checked against the document's paths when the query runs.
 */
public final class Sort {
  private static final Sort UNSORTED = new Sort(List.of());

  /** One path and its direction. */
  public record Order(List<String> path, String column, Class<?> valueType, boolean descending) {
    public Order {
      path = List.copyOf(path);
      for (String segment : path) {
        // Segments reach SQL text ('{a,b}'): only property names may.
        if (!segment.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
          throw new IllegalArgumentException("Sort path " + path + " has a segment that is not a property name: " + segment);
        }
      }
      if (column != null) {
        io.rillflow.sql.SqlIdentifiers.quote(column);
      }
    }

    /** The dotted path. */
    public String dotted() {
      return String.join(".", path);
    }
  }

  private final List<Order> orders;
  /** Also the key queries cache their SQL by, so computed once. */
  private final String text;

  private Sort(List<Order> orders) {
    this.orders = List.copyOf(orders);
    this.text = this.orders.stream().map(o -> o.dotted() + (o.descending() ? " desc" : " asc")).toList().toString();
  }

  /** No ordering. */
  public static Sort unsorted() {
    return UNSORTED;
  }

  /** Ascending by the dotted path {@code path}. */
  public static Sort by(String path) {
    return new Sort(List.of(new Order(List.of(path.split("\\.", -1)), null, null, false)));
  }

  /** Ascending by the dotted path. */
  public static Sort asc(String path) {
    return by(path);
  }

  /** Descending by the dotted path. */
  public static Sort desc(String path) {
    return new Sort(List.of(new Order(List.of(path.split("\\.", -1)), null, null, true)));
  }

  /** An ordering made of these orders. */
  public static Sort of(Order... orders) {
    return new Sort(List.of(orders));
  }

  /** This ordering, then {@code next} for ties. */
  public Sort and(Sort next) {
    List<Order> all = new ArrayList<>(orders);
    all.addAll(next.orders);
    return new Sort(all);
  }

  /** The orders, most significant first. */
  public List<Order> orders() {
    return orders;
  }

  /** Whether there is no ordering. */
  public boolean isUnsorted() {
    return orders.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sort sort && sort.orders.equals(orders);
  }

  @Override
  public int hashCode() {
    return Objects.hash(orders);
  }

  @Override
  public String toString() {
    return text;
  }
}
