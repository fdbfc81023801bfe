package io.rillflow.tests.readmodels;

import io.rillflow.annotations.Event;

/** A customer asked to be forgotten; the stream is the customer's. */
@Event
public record CustomerForgotten(String customerId) {}
