package io.rillflow.cli.app;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import java.util.UUID;

/** A soft-deletable document of the test application, its name in an indexed column. */
@Document(softDelete = true)
public record Customer(UUID id, @Duplicated String name) {}
