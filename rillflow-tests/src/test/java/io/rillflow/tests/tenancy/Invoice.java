package io.rillflow.tests.tenancy;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;

/** A tenant's document: the same id may exist in two tenants, each its own. */
@Document
public record Invoice(String id, @Duplicated String customer, long amount) {}
