package io.rillflow.samples.orders;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * An order as the fold of its stream: placed, then maybe shipped. Decisions are methods that return
 * the events they lead to, so {@code store.aggregates(Order.class).update(id, o -> o.ship("DHL"))}
 * loads, decides and appends at the version it loaded.
 *
 * @param id the order, also its stream id
 * @param customerId who placed it
 * @param total what it costs
 * @param carrier who ships it; {@code null} until shipped
 */
@Aggregate(snapshotEvery = 50)
public record Order(UUID id, UUID customerId, BigDecimal total, String carrier) {

  @Apply
  static Order place(OrderPlaced e) {
    return new Order(e.orderId(), e.customerId(), e.total(), null);
  }

  @Apply
  Order shipped(OrderShipped e) {
    return new Order(id, customerId, total, e.carrier());
  }

  /** Whether the order has left the warehouse. */
  public boolean isShipped() {
    return carrier != null;
  }

  /** Ships the order with {@code carrier}, unless it has been shipped already. */
  public List<Object> ship(String carrier) {
    return isShipped() ? List.of() : List.of(new OrderShipped(id, carrier));
  }
}
