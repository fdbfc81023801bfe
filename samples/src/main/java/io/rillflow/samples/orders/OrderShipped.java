package io.rillflow.samples.orders;

import io.rillflow.annotations.Event;
import java.util.UUID;

/** An order left the warehouse. */
@Event
public record OrderShipped(UUID orderId, String carrier) {}
