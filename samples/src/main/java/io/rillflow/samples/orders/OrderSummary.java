package io.rillflow.samples.orders;

import io.rillflow.annotations.Document;
import java.math.BigDecimal;
import java.util.UUID;

/** A read model of one order, kept by {@link OrderSummaries} as its events are appended. */
@Document
public record OrderSummary(UUID id, UUID customerId, BigDecimal total, String carrier) {}
