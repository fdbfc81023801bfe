package io.rillflow.benchmarks;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;

/** A mutable aggregate with a snapshot every 100 events. */
@Aggregate(snapshotEvery = 100)
public class BenchTally {
  long items;
  long additions;

  @Apply
  void add(BenchItemAdded e) {
    items += e.quantity();
    additions++;
  }

  /** How many items were added; what every load returns to JMH. */
  public long items() {
    return items;
  }
}
