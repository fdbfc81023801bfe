package io.rillflow.tests.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.ConcurrencyException;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.RawSql;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code Tally} is {@code @Aggregate(snapshotEvery = 100)}. */
class SnapshotTest extends RillflowTestBase {

  private static List<ItemAdded> items(int count) {
    return IntStream.range(0, count).mapToObj(i -> new ItemAdded("sku-" + i, 1)).toList();
  }

  private String snapshotRow(Object id) {
    List<String> rows = RawSql.column(store(), "SELECT version || ' ' || type || ' ' || schema_version"
        + " FROM rf_snapshots WHERE stream_id = '" + id + "'");
    return rows.isEmpty() ? "none" : rows.get(0);
  }

  @Test
  void tenThousandEventsLoadFromTheNewestSnapshotAndOnlyTheEventsAfterIt() {
    UUID id = UUID.randomUUID();
    AggregateRepository<Tally> tallies = store().aggregates(Tally.class);
    long version = 0;
    for (int batch = 0; batch < 100; batch++) {
      version = tallies.append(id, ExpectedVersion.exactly(version), items(100)).version();
    }
    tallies.append(id, ExpectedVersion.exactly(version), new ItemAdded("tail-1", 2), new ItemAdded("tail-2", 3));

    assertThat(snapshotRow(id))
        .isEqualTo("10000 " + Tally.class.getName() + " " + Tally_Aggregate.INSTANCE.snapshotSchema());
    assertThat(tallies.load(id, 150).orElseThrow().items).as("below the snapshot: folded from the start").isEqualTo(150);

    // The proof: the events the snapshot covers are gone, and the load does not notice.
    RawSql.execute(store(), "DELETE FROM rf_events WHERE stream_id = '" + id + "' AND version <= 10000");
    Tally tally = tallies.load(id).orElseThrow();

    assertThat(tally.items).isEqualTo(10_005);
    assertThat(tally.additions).isEqualTo(10_002);
    assertThat(tally.lastSku).isEqualTo("tail-2");
  }

  @Test
  void aSnapshotIsWrittenWhenAnAppendPassesAMultipleOfSnapshotEvery() {
    AggregateRepository<Tally> tallies = store().aggregates(Tally.class);
    tallies.append("t-1", ExpectedVersion.noStream(), items(99));
    assertThat(snapshotRow("t-1")).isEqualTo("none");

    tallies.append("t-1", ExpectedVersion.any(), items(3));

    assertThat(snapshotRow("t-1")).startsWith("102 ");
  }

  @Test
  void aSnapshotWrittenForAnotherShapeOfTheClassIsIgnoredAndWrittenAgain() {
    AggregateRepository<Tally> tallies = store().aggregates(Tally.class);
    tallies.append("t-2", ExpectedVersion.noStream(), items(150));
    RawSql.execute(store(), "UPDATE rf_snapshots SET schema_version = 42, data = '{\"items\": 999999}'"
        + " WHERE stream_id = 't-2'");

    assertThat(tallies.load("t-2").orElseThrow().items).isEqualTo(150);
    assertThat(snapshotRow("t-2")).isEqualTo("150 " + Tally.class.getName() + " " + Tally_Aggregate.INSTANCE.snapshotSchema());
    assertThat(RawSql.column(store(), "SELECT data ->> 'items' FROM rf_snapshots WHERE stream_id = 't-2'"))
        .containsExactly("150");
  }

  @Test
  void aSnapshotThatNoLongerReadsAsTheClassIsIgnoredNeverFatal() {
    AggregateRepository<Tally> tallies = store().aggregates(Tally.class);
    tallies.append("t-3", ExpectedVersion.noStream(), items(120));
    RawSql.execute(store(), "UPDATE rf_snapshots SET data = '{\"items\": \"many\"}' WHERE stream_id = 't-3'");

    assertThat(tallies.load("t-3").orElseThrow().items).isEqualTo(120);
    assertThat(RawSql.column(store(), "SELECT data ->> 'items' FROM rf_snapshots WHERE stream_id = 't-3'"))
        .containsExactly("120");
  }

  @Test
  void aConflictingAppendWritesNoSnapshot() {
    AggregateRepository<Tally> tallies = store().aggregates(Tally.class);
    tallies.append("t-4", ExpectedVersion.noStream(), items(99));

    assertThatThrownBy(() -> tallies.append("t-4", ExpectedVersion.exactly(98), items(5)))
        .isInstanceOf(ConcurrencyException.class);
    assertThatThrownBy(() -> tallies.append("t-4", ExpectedVersion.noStream(), items(5)))
        .isInstanceOf(ConcurrencyException.class);

    assertThat(snapshotRow("t-4")).isEqualTo("none");
    assertThat(tallies.load("t-4").orElseThrow().items).isEqualTo(99);
  }

  @Test
  void anUpdateFoldsOntoTheStateItLoadedAndSnapshotsIt() {
    AggregateRepository<Tally> tallies = store().aggregates(Tally.class);
    tallies.append("t-5", ExpectedVersion.noStream(), items(98));

    tallies.update("t-5", tally -> List.of(new ItemAdded("u-1", 10), new ItemAdded("u-2", 20), new ItemAdded("u-3", 30)));

    assertThat(snapshotRow("t-5")).startsWith("101 ");
    RawSql.execute(store(), "DELETE FROM rf_events WHERE stream_id = 't-5'");
    Tally fromSnapshot = tallies.load("t-5").orElseThrow();
    assertThat(fromSnapshot.items).isEqualTo(98 + 60);
    assertThat(fromSnapshot.additions).isEqualTo(101);
    assertThat(fromSnapshot.lastSku).isEqualTo("u-3");
  }

  @Test
  void anArchivedStreamDoesNotLoadFromItsSnapshot() {
    AggregateRepository<Tally> tallies = store().aggregates(Tally.class);
    tallies.append("t-6", ExpectedVersion.noStream(), items(100));

    store().events().archiveStream("t-6");
    assertThat(tallies.load("t-6")).isEmpty();

    store().events().unarchiveStream("t-6");
    assertThat(tallies.load("t-6").orElseThrow().items).isEqualTo(100);
  }
}
