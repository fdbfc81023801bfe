package io.rillflow.tests.aggregates;

import io.rillflow.aggregates.ValidatedAggregate;
import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;

/** An aggregate with an invariant: stock never goes below zero. */
@Aggregate
public record Stock(String sku, int quantity) implements ValidatedAggregate {

  public Stock() {
    this("", 0);
  }

  @Apply
  Stock add(ItemAdded e) {
    return new Stock(e.sku(), quantity + e.quantity());
  }

  @Override
  public void validate() {
    if (quantity < 0) {
      throw new IllegalStateException("stock of " + sku + " below zero: " + quantity);
    }
  }
}
