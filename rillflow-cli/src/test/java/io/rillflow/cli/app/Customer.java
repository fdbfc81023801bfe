package io.rillflow.cli.app;

import io.rillflow.annotations.Document;
import java.util.UUID;

/** A soft-deletable document of the test application. */
@Document(softDelete = true)
public record Customer(UUID id, String name) {}
