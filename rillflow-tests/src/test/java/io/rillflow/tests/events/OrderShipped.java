package io.rillflow.tests.events;

import io.rillflow.annotations.Event;

@Event
public record OrderShipped(String orderId, String carrier) {}
