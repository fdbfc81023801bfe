package io.rillflow.tests.aggregates;

import io.rillflow.events.EventEnvelope;
import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.tests.events.OrderPlaced;
import io.rillflow.tests.events.OrderShipped;
import java.math.BigDecimal;

/** A record folded by a static create and a handler that returns the next state, with the envelope. */
@Aggregate
public record OrderView(String id, BigDecimal total, String currency, String status, long version) {

  @Apply
  static OrderView create(OrderPlaced e, EventEnvelope<OrderPlaced> envelope) {
    return new OrderView(e.orderId(), e.total(), e.currency(), "placed", envelope.version());
  }

  @Apply
  OrderView ship(OrderShipped e, EventEnvelope<?> envelope) {
    return new OrderView(id, total, currency, "shipped by " + e.carrier(), envelope.version());
  }
}
