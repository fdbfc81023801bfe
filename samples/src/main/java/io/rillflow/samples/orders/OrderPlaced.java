package io.rillflow.samples.orders;

import io.rillflow.annotations.Event;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * An order was placed. Version 2: version 1 stored the total as whole cents in
 * {@code totalCents}; {@link OrderUpcasts#centsToTotal} reads those rows as this class.
 */
@Event(version = 2)
public record OrderPlaced(UUID orderId, UUID customerId, BigDecimal total) {}
