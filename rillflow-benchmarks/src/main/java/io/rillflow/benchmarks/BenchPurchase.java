package io.rillflow.benchmarks;

import io.rillflow.annotations.Event;

/** The event {@link ReadModelCatchUpBench} folds into {@link BenchCustomerSpend}, per customer. */
@Event
public record BenchPurchase(String customerId, long cents) {}
