package io.rillflow.tests.queries;

public record Author(String name, String country, int born) {}
