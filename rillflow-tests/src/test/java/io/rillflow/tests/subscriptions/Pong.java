package io.rillflow.tests.subscriptions;

import io.rillflow.annotations.Event;

/** An event a filtered subscription leaves out. */
@Event
public record Pong(String key) {}
