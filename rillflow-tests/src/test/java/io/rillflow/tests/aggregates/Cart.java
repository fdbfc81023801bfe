package io.rillflow.tests.aggregates;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.Lifecycle;

/** Inline: every append through the repository also stores the state as a document, id = stream id. */
@Document
@Aggregate(lifecycle = Lifecycle.INLINE, snapshotEvery = 3)
public record Cart(String id, int items, String status) {

  @Apply
  static Cart open(CartOpened e) {
    return new Cart(e.cartId(), 0, "open");
  }

  @Apply
  Cart add(ItemAdded e) {
    return new Cart(id, items + e.quantity(), status);
  }

  @Apply
  Cart checkOut(CartCheckedOut e) {
    return new Cart(id, items, "checked out");
  }
}
