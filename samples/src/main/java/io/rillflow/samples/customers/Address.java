package io.rillflow.samples.customers;

/** A postal address, nested inside a {@link Customer}'s JSON. */
public record Address(String street, String city, String country) {}
