package io.rillflow.tests.compaction;

import io.rillflow.annotations.Event;

/** One reading of a meter: its stream grows long, so compaction snapshots it. */
@Event
public record MeterRead(long units) {}
