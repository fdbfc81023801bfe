package io.rillflow.tests.dcb;

/** A value wrapper: tagged with its one component's value. */
public record StudentId(String value) {}
