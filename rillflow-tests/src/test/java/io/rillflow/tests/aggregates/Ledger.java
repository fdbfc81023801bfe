package io.rillflow.tests.aggregates;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;
import java.util.ArrayList;
import java.util.List;

/** A class whose handler returns the next state instead of changing itself. */
@Aggregate
public final class Ledger {
  final List<String> lines;

  Ledger() {
    this(List.of());
  }

  private Ledger(List<String> lines) {
    this.lines = lines;
  }

  @Apply
  Ledger add(ItemAdded e) {
    List<String> next = new ArrayList<>(lines);
    next.add(e.quantity() + " x " + e.sku());
    return new Ledger(List.copyOf(next));
  }
}
