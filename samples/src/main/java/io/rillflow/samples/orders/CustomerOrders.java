package io.rillflow.samples.orders;

import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.ReadModel;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * What each customer ordered, gathered from the streams of all their orders: a read model that the
 * projection daemon keeps (projection {@code customer-orders}). Each {@link OrderPlaced} names its
 * customer, so {@code @Apply(id = "customerId")} sends it to that customer's document; the first
 * one creates the document, the others add to it.
 *
 * <pre>{@code
 * store.projections().daemon().start();        // or runUntilIdle() to catch up once
 * store.querySession().load(CustomerOrders.class, customerId);
 * }</pre>
 */
@Document
@ReadModel
public record CustomerOrders(UUID id, int orders, BigDecimal total) {

  @Apply(id = "customerId")
  static CustomerOrders first(OrderPlaced placed) {
    return new CustomerOrders(placed.customerId(), 1, placed.total());
  }

  @Apply(id = "customerId")
  CustomerOrders add(OrderPlaced placed) {
    return new CustomerOrders(id, orders + 1, total.add(placed.total()));
  }
}
