package io.rillflow.tests.aggregates;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.tests.events.OrderPlaced;

/** Strict: a stream with an event it has no handler for does not load. */
@Aggregate(strict = true)
public record StrictOrder(String id) {

  @Apply
  static StrictOrder create(OrderPlaced e) {
    return new StrictOrder(e.orderId());
  }
}
