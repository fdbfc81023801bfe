package io.rillflow.benchmarks.startup;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import java.time.Instant;
import java.util.UUID;

/** One of the 50 document types of {@code StoreStartupBench}, with a duplicated, indexed column. */
@Document
public record StartupNote(UUID id, @Duplicated String name, long amount, Instant createdAt) {}
