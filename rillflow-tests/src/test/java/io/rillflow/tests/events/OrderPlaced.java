package io.rillflow.tests.events;

import io.rillflow.annotations.Event;
import java.math.BigDecimal;

/** The current shape: a decimal total instead of cents. */
@Event(version = 3)
public record OrderPlaced(String orderId, BigDecimal total, String currency) {}
