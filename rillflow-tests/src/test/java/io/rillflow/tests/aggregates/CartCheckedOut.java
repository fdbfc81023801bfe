package io.rillflow.tests.aggregates;

import io.rillflow.annotations.Event;

@Event
public record CartCheckedOut(String cartId) {}
