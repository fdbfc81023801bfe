package io.rillflow.tests.lookups;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;

/** An aggregate folded from the enriched event. */
@Aggregate
public record Checkout(String cartId, String shopperName) {
  @Apply
  static Checkout create(InvoiceSent e) {
    return new Checkout(e.cartId(), e.shopperName());
  }
}
