package io.rillflow.samples.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.annotations.Upcast;
import java.math.BigDecimal;

/** How older stored shapes of the order events become the current classes. */
final class OrderUpcasts {
  private OrderUpcasts() {}

  /** OrderPlaced version 1 kept the total in cents; version 2 keeps a decimal amount. */
  @Upcast(event = "OrderPlaced", from = 1)
  static ObjectNode centsToTotal(ObjectNode body) {
    long cents = body.remove("totalCents").asLong();
    return body.put("total", BigDecimal.valueOf(cents, 2));
  }
}
