package io.rillflow.tests.readmodels;

import io.rillflow.annotations.Event;

/** A shipment arrived. */
@Event
public record ShipmentDelivered(String signedBy) {}
