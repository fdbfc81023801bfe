package io.rillflow.tests.failures;

import io.rillflow.annotations.Document;
import java.util.UUID;

/** A plain document for the failure tests. */
@Document
public record Parcel(UUID id, String label, int weight) {}
