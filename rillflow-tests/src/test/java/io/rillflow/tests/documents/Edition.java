package io.rillflow.tests.documents;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import java.util.UUID;

/** A soft-deleted document with a unique field: a withdrawn edition's ISBN may be published again. */
@Document(softDelete = true)
public record Edition(UUID id, @Duplicated(unique = true) String isbn, String title) {}
