package io.rillflow.tests.readmodels;

import io.rillflow.annotations.Event;

/** A shipment was planned; the stream is the shipment's (a UUID). */
@Event
public record ShipmentScheduled(String city) {}
