package io.rillflow.tests.events;

import io.rillflow.annotations.Document;
import java.util.UUID;

/** A document written in the same unit of work as its events. */
@Document
public record Order(UUID id, String status) {}
