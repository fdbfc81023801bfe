package io.rillflow.tests.readmodels;

import io.rillflow.events.EventEnvelope;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.ReadModel;
import java.math.BigDecimal;

/**
 * What each customer spent, gathered from the streams of all their orders (a multi-stream read
 * model): each event names its customer. A record, so every handler returns the next state; the
 * first purchase creates it, forgetting the customer deletes it.
 */
@Document
@ReadModel
public record CustomerSpend(String id, int purchases, BigDecimal spent, long lastPosition) {

  @Apply(id = "customerId")
  static CustomerSpend first(Purchased e, EventEnvelope<Purchased> envelope) {
    return new CustomerSpend(e.customerId(), 1, e.amount(), envelope.position());
  }

  @Apply(id = "customerId")
  CustomerSpend next(Purchased e, EventEnvelope<Purchased> envelope) {
    return new CustomerSpend(id, purchases + 1, spent.add(e.amount()), envelope.position());
  }

  @Apply(id = "customerId")
  CustomerSpend refund(Refunded e) {
    return new CustomerSpend(id, purchases, spent.subtract(e.amount()), lastPosition);
  }

  @Apply(id = "customerId")
  CustomerSpend forget(CustomerForgotten e) {
    return null;
  }
}
