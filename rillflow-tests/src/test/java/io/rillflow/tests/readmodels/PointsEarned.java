package io.rillflow.tests.readmodels;

import io.rillflow.annotations.Event;

/** Loyalty points for a member, whatever stream tells it. */
@Event
public record PointsEarned(long memberNumber, int points) {}
