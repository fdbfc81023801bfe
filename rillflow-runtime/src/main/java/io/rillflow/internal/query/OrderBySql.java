package io.rillflow.internal.query;

import io.rillflow.query.Path;
import io.rillflow.query.Sort;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.sql.Identifiers;

/**
 * Writes an ordering as SQL. A metamodel order knows its column and type; an order given by name is
 * looked up in the document's mapping, so only real paths reach the SQL text.
 */
final class OrderBySql {
  private OrderBySql() {}

  /** {@code " ORDER BY a ASC, b DESC"}, or {@code ", a ASC, b DESC"} after an existing ORDER BY; "" when unsorted. */
  static String of(DocumentTable<?, ?> table, Sort sort, boolean continuing) {
    if (sort.isUnsorted()) {
      return "";
    }
    StringBuilder sql = new StringBuilder(continuing ? ", " : " ORDER BY ");
    for (int i = 0; i < sort.orders().size(); i++) {
      Sort.Order order = sort.orders().get(i);
      sql.append(i == 0 ? "" : ", ").append(expression(table, order)).append(order.descending() ? " DESC" : " ASC");
    }
    return sql.toString();
  }

  private static String expression(DocumentTable<?, ?> table, Sort.Order order) {
    if (order.valueType() != null) {
      return order.column() != null ? Identifiers.quote(order.column()) : ValueKinds.jsonExpression(order.path(), order.valueType());
    }
    Path<?, ?> path = table.mapping().path(order.dotted());
    if (path == null) {
      throw new IllegalArgumentException(table.typeName() + " has no path \"" + order.dotted() + "\" to sort by");
    }
    // A lower-case column would sort regardless of case; sort by the JSON value instead.
    return path.column() != null && !path.lowercaseColumn()
        ? Identifiers.quote(path.column())
        : ValueKinds.jsonExpression(path.segments(), path.valueType());
  }
}
