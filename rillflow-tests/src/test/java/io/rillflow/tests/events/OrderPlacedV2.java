package io.rillflow.tests.events;

import io.rillflow.annotations.Event;

/** The second shape: a currency was added. */
@Event(name = "OrderPlaced", version = 2)
public record OrderPlacedV2(String orderId, long cents, String currency) {}
