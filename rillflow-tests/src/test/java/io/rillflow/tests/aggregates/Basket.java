package io.rillflow.tests.aggregates;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.Lifecycle;

/**
 * Async: the projection daemon keeps the state as a document. It folds the cart events, so every
 * stream holding them (Cart's streams too) has a Basket document once the daemon catches up.
 */
@Document
@Aggregate(lifecycle = Lifecycle.ASYNC)
public class Basket {
  String id;
  int items;
  boolean checkedOut;

  @Apply
  void open(CartOpened e) {
    id = e.cartId();
  }

  @Apply
  void add(ItemAdded e) {
    items += e.quantity();
  }

  @Apply
  void checkOut(CartCheckedOut e) {
    checkedOut = true;
  }

  @Override
  public String toString() {
    return "Basket[id=" + id + ", items=" + items + ", checkedOut=" + checkedOut + "]";
  }
}
