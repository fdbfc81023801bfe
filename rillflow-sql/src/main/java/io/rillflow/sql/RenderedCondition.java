package io.rillflow.sql;

import java.util.List;

/**
 * A condition as SQL text (placeholders {@code ?}) and one {@link Bind} per placeholder, in order.
 * The text depends only on the condition's shape, never on its values.
 */
public record RenderedCondition(String sql, List<Bind> binds) {
  public RenderedCondition {
    binds = List.copyOf(binds);
  }
}
