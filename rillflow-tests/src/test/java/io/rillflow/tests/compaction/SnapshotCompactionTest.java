package io.rillflow.tests.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.RawSql;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The background snapshotter: snapshots only streams whose tail passed the threshold; loads start from them. */
class SnapshotCompactionTest extends RillflowTestBase {
  private static final AppendOptions METER = AppendOptions.builder().streamType("Meter").build();

  private void meter(String id, int readings) {
    List<Object> events = new ArrayList<>();
    for (int i = 1; i <= readings; i++) {
      events.add(new MeterRead(i));
    }
    store().events().append(id, ExpectedVersion.any(), METER, events);
  }

  private long snapshotVersion(String id) {
    List<String> versions = RawSql.column(store(), "SELECT version FROM rf_snapshots WHERE stream_id = '" + id + "'");
    return versions.isEmpty() ? 0 : Long.parseLong(versions.get(0));
  }

  @Test
  void onlyStreamsWhoseTailPassedTheThresholdAreSnapshotted() {
    meter("short", 5);
    meter("long", 20);
    meter("longer", 50);

    assertThat(store().snapshots().compactOnce(10, 100)).isEqualTo(2);

    assertThat(snapshotVersion("short")).isZero();
    assertThat(snapshotVersion("long")).isEqualTo(20);
    assertThat(snapshotVersion("longer")).isEqualTo(50);
    // The tail is counted from the snapshot now: 5 more is below the threshold, 11 more is past it.
    meter("long", 5);
    assertThat(store().snapshots().compactOnce(10, 100)).isZero();
    meter("long", 6);
    assertThat(store().snapshots().compactOnce(10, 100)).isEqualTo(1);
    assertThat(snapshotVersion("long")).isEqualTo(31);
  }

  @Test
  void loadsStartFromTheSnapshotCompactionWrote() {
    meter("m", 30);
    store().snapshots().compactOnce(10, 100);
    // Break an event below the snapshot: a load that folded from the start would fail on it.
    RawSql.execute(store(), "UPDATE rf_events SET data = '{\"units\": \"not a number\"}' WHERE stream_id = 'm' AND version = 3");

    assertThat(store().aggregates(Meter.class).load("m")).contains(new Meter(30 * 31 / 2, 30));
  }

  @Test
  void runUntilIdleTakesEveryBatchAndRacingCompactorsAgree() throws Exception {
    for (int i = 0; i < 12; i++) {
      meter("m" + i, 15);
    }

    CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> store().snapshots().runUntilIdle(10, 5));
    CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> store().snapshots().runUntilIdle(10, 5));

    assertThat(first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS)).isBetween(12L, 24L);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_snapshots WHERE version = 15")).isEqualTo(12);
    assertThat(store().snapshots().runUntilIdle(10, 5)).isZero();
  }
}
