package io.rillflow.benchmarks.startup;

import io.rillflow.annotations.Document;
import java.time.Instant;
import java.util.UUID;

/** One of the 50 document types of {@code StoreStartupBench}. */
@Document
public record StartupRefund(UUID id, String name, long amount, Instant createdAt) {}
