package io.rillflow.benchmarks;

import io.rillflow.annotations.Event;

/** The event {@link ProjectionCatchUpBench} counts, per key. */
@Event
public record BenchTick(String key, long amount) {}
