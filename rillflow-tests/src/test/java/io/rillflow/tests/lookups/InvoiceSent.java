package io.rillflow.tests.lookups;

import io.rillflow.annotations.Event;

/** Version 2 carries the shopper's name too; version 1 rows get it from the Shopper document. */
@Event(name = "InvoiceSent", version = 2)
public record InvoiceSent(String cartId, String shopperId, String shopperName) {}
