package io.rillflow.cli.app;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import java.time.Instant;
import java.util.UUID;

/** A document of the test application with JSON paths no index serves yet: what {@code docs index-advisor} reads. */
@Document
public record Supplier(UUID id, @Duplicated String name, String email, int rating, Instant joined) {}
