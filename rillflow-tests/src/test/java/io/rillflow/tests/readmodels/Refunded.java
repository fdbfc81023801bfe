package io.rillflow.tests.readmodels;

import io.rillflow.annotations.Event;
import java.math.BigDecimal;

/** Money went back to a customer; the stream is the order's. */
@Event
public record Refunded(String customerId, BigDecimal amount) {}
