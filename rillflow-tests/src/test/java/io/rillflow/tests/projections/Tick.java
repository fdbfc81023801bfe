package io.rillflow.tests.projections;

import io.rillflow.annotations.Event;

/** Adds {@code amount} to the total of {@code key}. */
@Event
public record Tick(String key, int amount) {}
