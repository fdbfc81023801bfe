package io.rillflow.rabbitmq;

import io.rillflow.annotations.Event;

/** The test application's event: the {@code n}th parcel of an order left. */
@Event(name = "Shipped")
public record Shipped(String order, int n) {}
