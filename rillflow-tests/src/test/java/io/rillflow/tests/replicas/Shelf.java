package io.rillflow.tests.replicas;

import io.rillflow.annotations.Document;
import java.util.UUID;

/** A document read from a replica. */
@Document
public record Shelf(UUID id, String label) {}
