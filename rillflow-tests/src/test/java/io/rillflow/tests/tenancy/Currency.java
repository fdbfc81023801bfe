package io.rillflow.tests.tenancy;

import io.rillflow.annotations.Document;

/** Reference data every tenant reads: one copy, in the store's own schema. */
@Document(shared = true)
public record Currency(String id, String name) {}
