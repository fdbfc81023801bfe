package io.rillflow.tests.events;

import io.rillflow.annotations.Event;

/** The first shape of OrderPlaced: an amount in cents, no currency. */
@Event(name = "OrderPlaced", version = 1)
public record OrderPlacedV1(String orderId, long cents) {}
