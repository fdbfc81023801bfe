package io.rillflow.samples.customers;

import io.rillflow.annotations.Document;
import java.util.UUID;

/** A customer document: a record stored as JSON in table {@code doc_customer}. */
@Document
public record Customer(UUID id, String email, String name) {}
