package io.rillflow.tests.events;

import io.rillflow.annotations.Document;

/** A document whose table {@link GateLock} locks, to hold a session's transaction open after its appends. */
@Document
public record Gate(String id) {}
