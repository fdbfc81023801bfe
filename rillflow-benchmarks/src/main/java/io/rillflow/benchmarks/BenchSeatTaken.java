package io.rillflow.benchmarks;

import io.rillflow.annotations.Event;
import io.rillflow.annotations.Tag;

/** The tagged event of {@link ConditionalAppendBench}: a seat of a show, both tags. */
@Event
public record BenchSeatTaken(@Tag("show") String show, @Tag("seat") String seat) {}
