package io.rillflow.benchmarks;

import io.rillflow.annotations.Event;

/** The event of the aggregate benchmarks. */
@Event
public record BenchItemAdded(String sku, int quantity) {}
