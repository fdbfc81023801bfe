package io.rillflow.internal.query;

import io.rillflow.query.Path;
import io.rillflow.query.Sort;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.sql.SqlOrder;
import io.rillflow.sql.SqlPath;
import io.rillflow.sql.Statements;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an ordering as SQL by the rule book's {@link SqlOrder}. Each key is looked up in the
 * document's mapping, so only real paths reach the SQL text and a lower-cased column sorts as the
 * processor's orderings do; a metamodel order for a path the mapping does not list keeps what its
 * path knew.
 */
final class OrderBySql {
  private OrderBySql() {}

  /** {@code " ORDER BY a ASC, b DESC"}, or {@code ", a ASC, b DESC"} after an existing ORDER BY; "" when unsorted. */
  static String of(DocumentTable<?, ?> table, Sort sort, boolean continuing) {
    List<SqlOrder> orders = new ArrayList<>(sort.orders().size());
    for (Sort.Order order : sort.orders()) {
      orders.add(new SqlOrder(path(table, order), order.descending()));
    }
    return Statements.orderBy(orders, continuing);
  }

  private static SqlPath path(DocumentTable<?, ?> table, Sort.Order order) {
    Path<?, ?> path = table.mapping().path(order.dotted());
    if (path != null) {
      return path.sqlPath();
    }
    if (order.valueType() == null) {
      throw new IllegalArgumentException(table.typeName() + " has no path \"" + order.dotted() + "\" to sort by");
    }
    return new SqlPath(order.path(), order.column(), false, ValueKinds.sqlType(order.valueType()), false);
  }
}
