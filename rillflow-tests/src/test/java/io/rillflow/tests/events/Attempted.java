package io.rillflow.tests.events;

import io.rillflow.annotations.Event;

/** One event of an append attempt, tagged with the attempt's id. */
@Event
public record Attempted(String attempt, int part) {}
