package io.rillflow.tests.readmodels;

import io.rillflow.annotations.Event;
import java.math.BigDecimal;

/** A customer bought something; the stream is the order's. */
@Event
public record Purchased(String customerId, BigDecimal amount) {}
