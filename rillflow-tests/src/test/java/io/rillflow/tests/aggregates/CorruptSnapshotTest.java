package io.rillflow.tests.aggregates;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.RawSql;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Snapshot rows that are not what a sound snapshot is (a JSON that leaves properties out, one with
 * properties the class does not have, a version above the stream's) are ignored, the aggregate is
 * folded from its events, the row is written again from that fold, and updates go on working.
 * {@code Tally} is {@code @Aggregate(snapshotEvery = 100)}; the streams here have 6 events.
 */
class CorruptSnapshotTest extends RillflowTestBase {

  private AggregateRepository<Tally> sixEvents(String stream) {
    AggregateRepository<Tally> tallies = store().aggregates(Tally.class);
    tallies.append(stream, ExpectedVersion.noStream(),
        IntStream.range(0, 6).mapToObj(i -> new ItemAdded("sku-" + i, 10)).toList());
    return tallies;
  }

  private void snapshotRow(String stream, long version, String json) {
    RawSql.execute(store(), "INSERT INTO rf_snapshots (stream_id, version, type, schema_version, data) VALUES ('"
        + stream + "', " + version + ", '" + Tally.class.getName() + "', " + Tally_Aggregate.INSTANCE.snapshotSchema()
        + ", '" + json + "')");
  }

  private String storedSnapshot(String stream) {
    return RawSql.column(store(), "SELECT version || ' ' || (data ->> 'items') || ' ' || (data ->> 'additions')"
        + " FROM rf_snapshots WHERE stream_id = '" + stream + "'").get(0);
  }

  private void assertFoldedUpdatedAndRewritten(AggregateRepository<Tally> tallies, String stream) {
    Tally loaded = tallies.load(stream).orElseThrow();
    assertThat(loaded.items).as("folded from the events, not the snapshot").isEqualTo(60);
    assertThat(loaded.additions).isEqualTo(6);
    assertThat(loaded.lastSku).isEqualTo("sku-5");
    assertThat(storedSnapshot(stream)).as("written again from the fold").isEqualTo("6 60 6");

    tallies.update(stream, tally -> List.of(new ItemAdded("more", 5)));
    Tally updated = tallies.load(stream).orElseThrow();
    assertThat(updated.items).isEqualTo(65);
    assertThat(updated.additions).isEqualTo(7);
  }

  @Test
  void anEmptyObjectIsMissingEveryPropertyAndIsIgnored() {
    AggregateRepository<Tally> tallies = sixEvents("empty");
    snapshotRow("empty", 6, "{}");
    assertFoldedUpdatedAndRewritten(tallies, "empty");
  }

  @Test
  void aSnapshotWithAPropertyTheClassDoesNotHaveIsIgnored() {
    AggregateRepository<Tally> tallies = sixEvents("garbage");
    snapshotRow("garbage", 6, "{\"garbage\": [1]}");
    assertFoldedUpdatedAndRewritten(tallies, "garbage");
  }

  @Test
  void aSnapshotWithEveryPropertyButOneIsIgnored() {
    AggregateRepository<Tally> tallies = sixEvents("partial");
    snapshotRow("partial", 6, "{\"items\": 23, \"additions\": 2, \"lastSku\": \"x\"}");
    assertFoldedUpdatedAndRewritten(tallies, "partial");
  }

  @Test
  void aSnapshotClaimingAVersionAboveTheStreamsIsIgnored() {
    AggregateRepository<Tally> tallies = sixEvents("ahead");
    snapshotRow("ahead", 999, "{\"items\": 23, \"additions\": 2, \"lastSku\": \"x\", \"placed\": 0}");
    assertFoldedUpdatedAndRewritten(tallies, "ahead");
  }

  @Test
  void aSoundSnapshotIsStillUsed() {
    AggregateRepository<Tally> tallies = sixEvents("sound");
    snapshotRow("sound", 6, "{\"items\": 23, \"additions\": 2, \"lastSku\": \"x\", \"placed\": 0}");
    assertThat(tallies.load("sound").orElseThrow().items).as("the snapshot's, since it reads strictly").isEqualTo(23);
  }
}
