package io.rillflow.tests.lookups;

import io.rillflow.QuerySession;
import io.rillflow.annotations.Upcast;
import java.util.concurrent.atomic.AtomicInteger;

/** A lookup upcast: enriches version 1 with the shopper's name read in the query session. */
final class InvoiceUpcasts {
  /** How many times the upcast ran: the cache keeps a row from looking up twice. */
  static final AtomicInteger CALLS = new AtomicInteger();

  private InvoiceUpcasts() {}

  @Upcast
  static InvoiceSent addShopperName(InvoiceSentV1 old, QuerySession lookup) {
    CALLS.incrementAndGet();
    String name = lookup.load(Shopper.class, old.shopperId()).map(Shopper::name).orElse("unknown");
    return new InvoiceSent(old.cartId(), old.shopperId(), name);
  }
}
