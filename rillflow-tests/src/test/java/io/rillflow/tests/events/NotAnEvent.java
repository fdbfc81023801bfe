package io.rillflow.tests.events;

/** A record the processor never registered. */
public record NotAnEvent(String text) {}
