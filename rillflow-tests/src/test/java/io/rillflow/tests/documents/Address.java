package io.rillflow.tests.documents;

public record Address(String street, String city, String zip) {}
