package io.rillflow.tests.lookups;

import io.rillflow.annotations.Event;

/** Version 1 stored only the shopper's id. */
@Event(name = "InvoiceSent", version = 1)
public record InvoiceSentV1(String cartId, String shopperId) {}
