package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaException;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.EventStorage;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.IdempotencyConflictException;
import io.rillflow.events.StreamIdentity;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tests.aggregates.Cart;
import io.rillflow.tests.aggregates.CartOpened;
import io.rillflow.tests.aggregates.ItemAdded;
import io.rillflow.tests.dcb.CourseDefined;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code EventStorage.compact()}: stream ids kept as {@code uuid}, no type index, and every path of the
 * event store over them (appends of every expectation, keys, tags, sessions, reads, archive, tombstone,
 * aliases, aggregates with snapshots and compaction, the projection daemon). Converting an existing
 * schema, and its faults, are in {@link StreamIdConversionTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompactStorageTest {
  private TestSchema schema;
  private DocumentStore store;

  /** Counts each stream's events in a table keyed by the stream id as the envelope gives it. */
  static final class PerStream implements Projection {
    @Override
    public void apply(EventEnvelope<?> event, ProjectionContext context) throws SQLException {
      try (PreparedStatement count = context.connection().prepareStatement("INSERT INTO \"" + context.schemaName()
          + "\".per_stream AS p (stream_id, n) VALUES (?, 1) ON CONFLICT (stream_id) DO UPDATE SET n = p.n + 1")) {
        count.setString(1, event.streamId());
        count.executeUpdate();
      }
    }
  }

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    store = schema.storeBuilder().eventStorage(EventStorage.compact()).readModels(false)
        .projection("per-stream", ProjectionLifecycle.ASYNC, new PerStream()).build();
    RawSql.execute(store, "CREATE TABLE \"" + schema.name() + "\".per_stream (stream_id text PRIMARY KEY, n bigint)");
  }

  @AfterAll
  void stop() {
    schema.closeAndDrop(store);
  }

  @Test
  void streamIdsAreUuidsAndTheTypeIndexIsGone() {
    assertThat(RawSql.column(store, "SELECT table_name || ' ' || data_type FROM information_schema.columns"
        + " WHERE table_schema = '" + schema.name() + "' AND column_name = 'stream_id' ORDER BY table_name"))
        .contains("rf_events uuid", "rf_events_archived uuid", "rf_snapshots uuid", "rf_streams uuid",
            // Tables that copy a stream id for the record keep text.
            "rf_dead_letters text");
    assertThat(RawSql.count(store, "SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema.name()
        + "' AND indexname = 'rf_events_type_global'")).isZero();
  }

  @Test
  void appendsOfEveryKindAndEveryReadWorkOnUuidStreams() {
    UUID a = UUID.randomUUID();
    store.events().append(a, ExpectedVersion.noStream(), new OrderPlaced("a", java.math.BigDecimal.TEN, "EUR"));
    store.events().append(a, ExpectedVersion.exactly(1), new OrderShipped("a", "dhl"));
    store.events().append(a, ExpectedVersion.streamExists(), new OrderShipped("a", "ups"));
    store.events().append(a, ExpectedVersion.any(), new OrderShipped("a", "fedex"));
    assertThatThrownBy(() -> store.events().append(a, ExpectedVersion.exactly(2), new OrderShipped("a", "late")))
        .isInstanceOf(ConcurrencyException.class);
    // A String id that is a UUID's text in capitals names the same stream as the UUID.
    store.events().append(a.toString().toUpperCase(java.util.Locale.ROOT), ExpectedVersion.exactly(4),
        new OrderShipped("a", "post"));

    assertThat(store.events().readStream(a)).extracting(EventEnvelope::version).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(store.events().readStream(a.toString(), 2, 3)).extracting(EventEnvelope::version).containsExactly(2L, 3L);
    assertThat(store.events().scanStream(a, 4)).extracting(EventEnvelope::version).containsExactly(4L, 5L);
    assertThat(store.events().readStream(a).get(0).streamUuid()).isEqualTo(a);
    assertThat(store.events().streamState(a)).get().satisfies(state -> assertThat(state.version()).isEqualTo(5));
    List<EventEnvelope<?>> all = store.events().readAll(Checkpoint.START, 10_000);
    assertThat(all).filteredOn(e -> e.streamId().equals(a.toString())).hasSize(5);
    // No type index: the read by type walks the global order, and finds the same events.
    assertThat(store.events().readAll(OrderShipped.class, Checkpoint.START, 10_000))
        .filteredOn(e -> e.streamId().equals(a.toString())).hasSize(4);

    AppendOptions once = AppendOptions.builder().idempotencyKey("command-" + a).build();
    UUID keyed = UUID.randomUUID();
    store.events().append(keyed, ExpectedVersion.any(), once, new OrderShipped("k", "a"));
    assertThatThrownBy(() -> store.events().append(keyed, ExpectedVersion.any(), once, new OrderShipped("k", "b")))
        .isInstanceOf(IdempotencyConflictException.class);

    String course = "c-" + UUID.randomUUID();
    store.events().append(AppendCondition.failIfEventsMatch(EventQuery.anyOf(EventQuery.item().tag("course", course))),
        new CourseDefined(course, 3));
    assertThat(store.events().query(EventQuery.anyOf(EventQuery.item().tag("course", course))).events()).hasSize(1);

    UUID inSession = UUID.randomUUID();
    try (DocumentSession session = store.lightweightSession()) {
      session.events().append(inSession, ExpectedVersion.noStream(), new OrderShipped("s", "a"));
      session.saveChanges();
    }
    assertThat(store.events().readStream(inSession)).hasSize(1);

    assertThat(store.events().archiveStream(a)).isTrue();
    assertThat(store.events().readStream(a)).isEmpty();
    assertThat(store.events().withArchived().readStream(a)).hasSize(5);
    assertThat(store.events().unarchiveStream(a)).isTrue();
    assertThat(store.events().readStream(a)).hasSize(5);

    UUID aliased = store.events().aliases().resolve("order-" + a);
    store.events().append(aliased, ExpectedVersion.noStream(), new OrderShipped("x", "y"));
    assertThat(store.events().aliases().aliasOf(aliased)).contains("order-" + a);

    assertThat(store.events().tombstoneStream(inSession)).isTrue();
    assertThat(store.events().streamState(inSession)).isEmpty();
  }

  @Test
  void aggregatesSnapshotsAndCompactionWorkOnUuidStreams() {
    AggregateRepository<Cart> carts = store.aggregates(Cart.class);
    String id = UUID.randomUUID().toString();
    carts.append(id, ExpectedVersion.noStream(), new CartOpened(id), new ItemAdded("a", 1), new ItemAdded("b", 2),
        new ItemAdded("c", 3));
    carts.update(id, cart -> List.of(new ItemAdded("d", 4)));
    assertThat(carts.load(id)).contains(new Cart(id, 10, "open"));
    assertThat(RawSql.count(store, "SELECT count(*) FROM \"" + schema.name() + "\".rf_snapshots WHERE stream_id = '"
        + id + "'")).isEqualTo(1);
    store.snapshots().runUntilIdle(0, 2);
    assertThat(carts.load(id)).contains(new Cart(id, 10, "open"));
  }

  @Test
  void theDaemonProjectsUuidStreamsByTheirIdsText() {
    UUID one = UUID.randomUUID();
    UUID two = UUID.randomUUID();
    store.events().append(one, ExpectedVersion.noStream(), new OrderShipped("1", "a"), new OrderShipped("1", "b"));
    store.events().append(two, ExpectedVersion.noStream(), new OrderShipped("2", "a"));
    store.projections().daemon().runUntilIdle();
    Map<String, Long> counts = new TreeMap<>(RawSql.column(store, "SELECT stream_id || '=' || n FROM \""
        + schema.name() + "\".per_stream").stream().map(line -> line.split("="))
        .collect(Collectors.toMap(parts -> parts[0], parts -> Long.parseLong(parts[1]))));
    assertThat(counts).containsEntry(one.toString(), 2L).containsEntry(two.toString(), 1L);
  }

  @Test
  void aStringStreamIdThatIsNotAUuidIsRefusedNamingItAndNothingIsWritten() {
    long before = RawSql.count(store, "SELECT count(*) FROM \"" + schema.name() + "\".rf_events");
    assertThatThrownBy(() -> store.events().append("order-1", ExpectedVersion.any(), new OrderShipped("o", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"order-1\"").hasMessageContaining("StreamIdentity.UUID");
    assertThatThrownBy(() -> store.events().readStream("order-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.aggregates(Cart.class).load("cart-1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"cart-1\"");
    try (DocumentSession session = store.lightweightSession()) {
      assertThatThrownBy(() -> session.events().append("order-2", ExpectedVersion.any(), new OrderShipped("o", "a")))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(RawSql.count(store, "SELECT count(*) FROM \"" + schema.name() + "\".rf_events")).isEqualTo(before);
  }

  @Test
  void aStoreOfTextStreamIdsRefusesTheSchemaNamingWhy() {
    assertThatThrownBy(() -> schema.storeBuilder().build())
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining(schema.name()).hasMessageContaining("uuid").hasMessageContaining("StreamIdentity.UUID");
    // The same layout with the type index builds it, and the compact store's next start drops it again.
    try (DocumentStore indexed = schema.storeBuilder()
        .eventStorage(EventStorage.DEFAULT.withStreamIdentity(StreamIdentity.UUID)).build()) {
      assertThat(RawSql.count(indexed, "SELECT count(*) FROM pg_index WHERE indisvalid"
          + " AND indexrelid = to_regclass('\"" + schema.name() + "\".rf_events_type_global')")).isEqualTo(1);
    }
    try (DocumentStore compact = schema.storeBuilder().eventStorage(EventStorage.compact()).build()) {
      assertThat(RawSql.count(compact, "SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema.name()
          + "' AND indexname = 'rf_events_type_global'")).isZero();
    }
  }
}
