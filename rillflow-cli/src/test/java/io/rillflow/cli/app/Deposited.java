package io.rillflow.cli.app;

import io.rillflow.annotations.Event;

/** Money paid into an account; version 1 stored whole euros as {@code euros}. */
@Event(name = "Deposited", version = 2)
public record Deposited(String account, long cents) {}
