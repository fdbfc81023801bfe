package io.rillflow.tests.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.annotations.Upcast;
import java.math.BigDecimal;

/** The OrderPlaced chain: typed from version 1 to 2, on JSON from 2 to 3. */
final class OrderUpcasts {
  private OrderUpcasts() {}

  @Upcast
  static OrderPlacedV2 addCurrency(OrderPlacedV1 old) {
    return new OrderPlacedV2(old.orderId(), old.cents(), "EUR");
  }

  @Upcast(event = "OrderPlaced", from = 2)
  static ObjectNode centsToTotal(ObjectNode body) {
    long cents = body.remove("cents").asLong();
    return body.put("total", BigDecimal.valueOf(cents, 2));
  }
}
