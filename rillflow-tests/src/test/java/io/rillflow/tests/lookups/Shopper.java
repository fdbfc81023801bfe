package io.rillflow.tests.lookups;

import io.rillflow.annotations.Document;

/** What the lookup upcast reads: a shopper's name, by id. */
@Document
public record Shopper(String id, String name) {}
