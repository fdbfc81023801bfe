package io.rillflow.tests.subscriptions;

import io.rillflow.annotations.Event;

/** The {@code n}th ping of stream {@code key}. */
@Event
public record Ping(String key, int n) {}
