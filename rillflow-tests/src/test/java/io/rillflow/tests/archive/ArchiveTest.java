package io.rillflow.tests.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentStore;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.IdempotencyConflictException;
import io.rillflow.events.StreamArchivedException;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.dcb.CourseDefined;
import io.rillflow.tests.dcb.StudentId;
import io.rillflow.tests.dcb.StudentSubscribed;
import io.rillflow.tests.events.OrderShipped;
import io.rillflow.tests.events.RawSql;
import io.rillflow.tests.events.SafePoint;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Archived streams' events live in rf_events_archived: hot reads leave them out, withArchived() reads them all. */
class ArchiveTest extends RillflowTestBase {
  /** Every column of an event row but none that says where it lives: what a move must keep. */
  private static final String ROW = "concat_ws('|', seq_id, stream_id, version, type, schema_version, data, headers,"
      + " causation_id, correlation_id, idempotency_key, tx_id, created_at)";

  private EventStore events() {
    return store().events();
  }

  private void appendBoth() {
    AppendOptions audited = AppendOptions.builder().correlationId("c-1").causationId("k-1").build();
    events().append("closed", ExpectedVersion.noStream(), audited, new OrderShipped("1", "a"), new OrderShipped("1", "b"));
    events().append("open", ExpectedVersion.noStream(), audited, new OrderShipped("2", "a"));
    events().append("closed", ExpectedVersion.exactly(2), AppendOptions.builder().idempotencyKey("k").build(),
        new OrderShipped("1", "c"));
    events().append("open", ExpectedVersion.exactly(1), new OrderShipped("2", "b"));
  }

  @Test
  void archivedEventsMoveWholeAndOnlyReadsWithArchivedSeeThem() {
    appendBoth();
    List<String> rowsBefore = RawSql.column(store(), "SELECT " + ROW + " FROM rf_events ORDER BY seq_id");
    SafePoint.await(store());
    List<EventEnvelope<?>> allBefore = events().readAll(Checkpoint.START, 100);

    assertThat(events().archiveStream("closed")).isTrue();

    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events WHERE stream_id = 'closed'")).isZero();
    assertThat(RawSql.column(store(), "SELECT " + ROW + " FROM rf_events UNION ALL SELECT " + ROW
        + " FROM rf_events_archived ORDER BY 1")).containsExactlyInAnyOrderElementsOf(rowsBefore);
    // Reads of live streams: as if the stream had no events.
    assertThat(events().readStream("closed")).isEmpty();
    assertThat(events().readAll(Checkpoint.START, 100)).extracting(EventEnvelope::streamId).containsOnly("open");
    assertThat(events().readByCorrelationId("c-1")).extracting(EventEnvelope::streamId).containsOnly("open");
    assertThat(events().readByCausationId("k-1")).extracting(EventEnvelope::streamId).containsOnly("open");
    assertThat(events().readAll(OrderShipped.class, Checkpoint.START, 100)).hasSize(2);

    // With the archive: every event once, where it was, as it was.
    EventStore all = events().withArchived();
    assertThat(all.withArchived()).isSameAs(all);
    assertThat(all.readAll(Checkpoint.START, 100)).isEqualTo(allBefore);
    assertThat(all.readAll(Checkpoint.START, 2)).isEqualTo(allBefore.subList(0, 2));
    assertThat(all.readAll(allBefore.get(1).checkpoint(), 100)).isEqualTo(allBefore.subList(2, 5));
    try (Stream<EventEnvelope<?>> scanned = all.scanAll(Checkpoint.START)) {
      assertThat(scanned.toList()).isEqualTo(allBefore);
    }
    List<EventEnvelope<?>> closed = allBefore.stream().filter(e -> e.streamId().equals("closed")).toList();
    assertThat(all.readStream("closed")).isEqualTo(closed);
    assertThat(all.readStream("closed", 2, 3)).isEqualTo(closed.subList(1, 3));
    try (Stream<EventEnvelope<?>> scanned = all.scanStream("closed", 2)) {
      assertThat(scanned.toList()).isEqualTo(closed.subList(1, 3));
    }
    assertThat(all.readByCorrelationId("c-1")).hasSize(3);
    assertThat(all.readByCausationId("k-1")).hasSize(3);
    assertThat(all.readAll(OrderShipped.class, Checkpoint.START, 100)).isEqualTo(allBefore);
    assertThatThrownBy(() -> all.append("closed", ExpectedVersion.any(), new OrderShipped("1", "d")))
        .isInstanceOf(StreamArchivedException.class);

    // Back: the same rows in the live table, the stream writable from where it was.
    assertThat(events().unarchiveStream("closed")).isTrue();
    assertThat(events().unarchiveStream("closed")).isFalse();
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events_archived")).isZero();
    assertThat(RawSql.column(store(), "SELECT " + ROW + " FROM rf_events ORDER BY seq_id")).isEqualTo(rowsBefore);
    assertThat(events().readStream("closed")).isEqualTo(closed);
    assertThat(events().readAll(Checkpoint.START, 100)).isEqualTo(allBefore);
    assertThat(events().append("closed", ExpectedVersion.exactly(3), new OrderShipped("1", "d")).version()).isEqualTo(4);
    // Its idempotency key came back with it.
    assertThatThrownBy(() -> events().append("closed", ExpectedVersion.any(),
        AppendOptions.builder().idempotencyKey("k").build(), new OrderShipped("1", "c")))
        .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> assertThat(e.version()).isEqualTo(3));
  }

  @Test
  void tagsOfArchivedEventsStayAndQueriesWithArchivedFindThem() {
    events().append("course-a", ExpectedVersion.noStream(), new CourseDefined("a", 2));
    events().append("sub-1", ExpectedVersion.noStream(), new StudentSubscribed("a", new StudentId("ada")));
    EventQuery courseA = EventQuery.anyOf(EventQuery.item().tag("course", "a"));
    EventQuery courses = EventQuery.anyOf(EventQuery.item().types(CourseDefined.class));

    events().archiveStream("course-a");

    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_event_tags")).isEqualTo(3);
    assertThat(events().query(courseA).events()).extracting(e -> (Object) e.data())
        .containsExactly(new StudentSubscribed("a", new StudentId("ada")));
    assertThat(events().query(courses).events()).isEmpty();
    assertThat(events().withArchived().query(courseA).events()).extracting(e -> (Object) e.data())
        .containsExactly(new CourseDefined("a", 2), new StudentSubscribed("a", new StudentId("ada")));
    assertThat(events().withArchived().query(courses).events()).extracting(e -> (Object) e.data())
        .containsExactly(new CourseDefined("a", 2));

    // A tombstone deletes an archived stream's rows and tags too.
    assertThat(events().tombstoneStream("course-a")).isTrue();
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events_archived")).isZero();
    assertThat(RawSql.column(store(), "SELECT tag FROM rf_event_tags ORDER BY tag"))
        .containsExactly("course:a", "student:ada");
    assertThat(events().withArchived().query(courseA).events()).hasSize(1);
  }

  @Test
  void aStoreBuiltToIncludeArchivedEventsReadsThemWithoutAsking() {
    appendBoth();
    events().archiveStream("closed");
    try (DocumentStore including = DocumentStore.builder().dataSource(store().dataSource())
        .schema(store().schemaName()).includeArchivedByDefault(true).build()) {
      assertThat(including.events().readStream("closed")).hasSize(3);
      assertThat(including.events().withArchived()).isSameAs(including.events());
      SafePoint.await(store());
      assertThat(including.events().readAll(Checkpoint.START, 100)).hasSize(5);
      assertThatThrownBy(() -> including.events().append("closed", ExpectedVersion.any(), new OrderShipped("1", "d")))
          .isInstanceOf(StreamArchivedException.class);
    }
    assertThat(events().readStream("closed")).isEmpty();
  }

  @Test
  void archivingAgainAStreamWhoseMoveIsDoneChangesNothing() {
    appendBoth();
    assertThat(events().archiveStream("closed")).isTrue();
    assertThat(events().archiveStream("closed")).isFalse();
    assertThat(events().archiveStream("missing")).isFalse();
    assertThat(events().unarchiveStream("missing")).isFalse();
    assertThat(events().unarchiveStream("open")).isFalse();
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events_archived")).isEqualTo(3);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events")).isEqualTo(2);
  }
}
