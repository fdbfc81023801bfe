package io.rillflow.tests.projections;

import io.rillflow.annotations.Document;

/** An inline read model: the sum of a stream's ticks. */
@Document
public record StreamTotal(String id, long amount, long events) {}
