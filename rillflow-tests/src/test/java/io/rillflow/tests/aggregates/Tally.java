package io.rillflow.tests.aggregates;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import io.rillflow.tests.events.OrderPlaced;
import java.math.BigDecimal;

/** A mutable class: made by its constructor, changed in place; OrderShipped has no handler and is skipped. */
@Aggregate(snapshotEvery = 100)
public class Tally {
  long items;
  long additions;
  String lastSku;
  BigDecimal placed = BigDecimal.ZERO;

  @Apply
  void add(ItemAdded e) {
    items += e.quantity();
    additions++;
    lastSku = e.sku();
  }

  @Apply
  void placed(OrderPlaced e) {
    placed = placed.add(e.total());
  }
}
