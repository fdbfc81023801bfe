package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.StreamArchivedException;
import io.rillflow.events.StreamState;
import io.rillflow.test.RillflowTestBase;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Archive (hidden, kept), tombstone (deleted), and listing streams by type. */
class StreamLifecycleTest extends RillflowTestBase {

  private EventStore events() {
    return store().events();
  }

  @Test
  void anArchivedStreamIsHiddenFromReadsKeptInTheArchiveTableAndRefusesAppends() {
    events().append("closed", ExpectedVersion.noStream(), new OrderShipped("1", "a"), new OrderShipped("1", "b"));
    events().append("open", ExpectedVersion.noStream(), new OrderShipped("2", "a"));

    assertThat(events().archiveStream("closed")).isTrue();
    assertThat(events().archiveStream("closed")).isFalse();
    assertThat(events().archiveStream("missing")).isFalse();

    assertThat(events().readStream("closed")).isEmpty();
    SafePoint.await(store());
    assertThat(events().readAll(Checkpoint.START, 10)).extracting(EventEnvelope::streamId).containsExactly("open");
    assertThat(events().streamState("closed")).hasValueSatisfying(state -> {
      assertThat(state.archived()).isTrue();
      assertThat(state.version()).isEqualTo(2);
    });
    assertThat(RawSql.column(store(), "SELECT version::text FROM rf_events_archived WHERE stream_id = 'closed'"
        + " ORDER BY version")).containsExactly("1", "2");
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events WHERE stream_id = 'closed'")).isZero();
    assertThatThrownBy(() -> events().append("closed", ExpectedVersion.any(), new OrderShipped("1", "c")))
        .isInstanceOfSatisfying(StreamArchivedException.class, e -> assertThat(e.streamId()).isEqualTo("closed"))
        .hasMessageContaining("stream closed is archived; nothing was written");
    assertThatThrownBy(() -> events().append("closed", ExpectedVersion.exactly(2), new OrderShipped("1", "c")))
        .isInstanceOf(StreamArchivedException.class);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events_archived WHERE stream_id = 'closed'")).isEqualTo(2);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events WHERE stream_id = 'closed'")).isZero();

    assertThat(events().unarchiveStream("closed")).isTrue();
    assertThat(events().readStream("closed")).hasSize(2);
    assertThat(events().append("closed", ExpectedVersion.exactly(2), new OrderShipped("1", "c")).version()).isEqualTo(3);
  }

  @Test
  void aTombstonedStreamIsDeletedWithItsSnapshotAndItsIdCanStartAgain() {
    events().append("gone", ExpectedVersion.noStream(), new OrderShipped("1", "a"), new OrderShipped("1", "b"));
    events().append("kept", ExpectedVersion.noStream(), new OrderShipped("2", "a"));
    RawSql.execute(store(), "INSERT INTO rf_snapshots (stream_id, version, type, schema_version, data)"
        + " VALUES ('gone', 2, 'Order', 1, '{}')");

    assertThat(events().tombstoneStream("gone")).isTrue();
    assertThat(events().tombstoneStream("gone")).isFalse();

    assertThat(events().streamState("gone")).isEmpty();
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events WHERE stream_id = 'gone'")).isZero();
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_snapshots")).isZero();
    assertThat(events().readStream("kept")).hasSize(1);
    assertThat(events().append("gone", ExpectedVersion.noStream(), new OrderShipped("1", "c")).version()).isEqualTo(1);
  }

  @Test
  void streamsAreListedByTheTypeTheirFirstAppendGave() {
    AppendOptions order = AppendOptions.builder().streamType("order").build();
    events().append("order-2", ExpectedVersion.noStream(), order, new OrderShipped("2", "a"));
    events().append("order-1", ExpectedVersion.noStream(), order, new OrderShipped("1", "a"));
    events().append("customer-1", ExpectedVersion.noStream(), AppendOptions.builder().streamType("customer").build(),
        new OrderShipped("c", "a"));
    events().append("order-1", ExpectedVersion.any(), AppendOptions.builder().streamType("other").build(),
        new OrderShipped("1", "b"));
    events().append("untyped", ExpectedVersion.any(), new OrderShipped("u", "a"));
    events().archiveStream("order-2");

    try (Stream<StreamState> orders = events().streamsOfType("order")) {
      assertThat(orders.toList()).extracting(StreamState::streamId, StreamState::version, StreamState::archived)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("order-1", 2L, false),
              org.assertj.core.groups.Tuple.tuple("order-2", 1L, true));
    }
    try (Stream<StreamState> none = events().streamsOfType("other")) {
      assertThat(none).isEmpty();
    }
  }
}
