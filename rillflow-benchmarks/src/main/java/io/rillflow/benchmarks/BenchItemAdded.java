package io.rillflow.benchmarks;

import io.rillflow.annotations.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The event store benchmarks' event: an item added to a cart, about 170 bytes of compact JSON with
 * the usual kinds of members (ids, text, a number, a decimal, a timestamp). Rillflow, the raw
 * baseline and Axon all write and read this one class, with equally configured Jackson mappers;
 * the aggregate benchmarks fold it too.
 */
@Event
public record BenchItemAdded(UUID cartId, String sku, String title, int quantity, BigDecimal price, Instant at) {}
