package io.rillflow.benchmarks;

import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.ReadModel;

/** A multi-stream read model: what each customer spent, from purchases on any stream. */
@Document
@ReadModel(name = BenchCustomerSpend.PROJECTION)
public record BenchCustomerSpend(String id, int purchases, long cents) {
  static final String PROJECTION = "bench-customer-spend";

  @Apply(id = "customerId")
  static BenchCustomerSpend first(BenchPurchase e) {
    return new BenchCustomerSpend(e.customerId(), 1, e.cents());
  }

  @Apply(id = "customerId")
  BenchCustomerSpend next(BenchPurchase e) {
    return new BenchCustomerSpend(id, purchases + 1, cents + e.cents());
  }
}
