package io.rillflow.cli.app;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;

/** An account folded from its deposits; snapshotted only by compaction ({@code snapshots compact-once}). */
@Aggregate(snapshotEvery = 1_000_000)
public record Account(long cents) {
  public Account() {
    this(0);
  }

  @Apply
  Account deposited(Deposited e) {
    return new Account(cents + e.cents());
  }
}
