package io.rillflow.tests.compaction;

import io.rillflow.annotations.Aggregate;
import io.rillflow.annotations.Apply;

/** Snapshots only through compaction in these tests: snapshotEvery is far above any stream's length. */
@Aggregate(snapshotEvery = 1_000_000)
public record Meter(long total, long readings) {
  public Meter() {
    this(0, 0);
  }

  @Apply
  Meter add(MeterRead e) {
    return new Meter(total + e.units(), readings + 1);
  }
}
