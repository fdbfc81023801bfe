package io.rillflow.benchmarks;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;

/** {@link BenchTally} without snapshots: every load folds the stream from its first event. */
@Aggregate
public class BenchTallyFullFold {
  long items;
  long additions;

  @Apply
  void add(BenchItemAdded e) {
    items += e.quantity();
    additions++;
  }

  /** How many items were added. */
  public long items() {
    return items;
  }
}
