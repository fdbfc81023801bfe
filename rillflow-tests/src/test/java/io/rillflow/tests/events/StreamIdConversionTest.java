package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentStore;
import io.rillflow.SchemaException;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.EventStorage;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tests.aggregates.Cart;
import io.rillflow.tests.aggregates.CartOpened;
import io.rillflow.tests.aggregates.ItemAdded;
import io.rillflow.tests.dcb.CourseDefined;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A schema of text stream ids converted by a store of {@code EventStorage.compact()}: every row kept with
 * its position, or nothing changed when an id is not a UUID, when the converting connection is killed while
 * a frozen peer holds a table, or when two stores convert at once.
 */
class StreamIdConversionTest {
  private static final List<String> KEYED = List.of("rf_streams", "rf_events", "rf_events_archived", "rf_snapshots",
      "rf_event_tags");
  private TestSchema schema;

  @BeforeEach
  void create() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
  }

  @AfterEach
  void drop() {
    schema.drop();
  }

  /** What a text store wrote: live, archived and tagged events, a snapshot; returns every event as read. */
  private List<String> writeWithTextIds(int streams) {
    try (DocumentStore text = schema.storeBuilder().build()) {
      for (int i = 0; i < streams; i++) {
        UUID stream = UUID.randomUUID();
        text.events().append(stream, ExpectedVersion.noStream(), new OrderShipped("o" + i, "a"),
            new OrderShipped("o" + i, "b"));
      }
      UUID archived = UUID.randomUUID();
      text.events().append(archived, ExpectedVersion.noStream(), new OrderShipped("gone", "a"));
      text.events().archiveStream(archived);
      text.events().append(AppendCondition.failIfEventsMatch(EventQuery.anyOf(EventQuery.item().tag("course", "c1"))),
          new CourseDefined("c1", 5));
      String cart = UUID.randomUUID().toString();
      text.aggregates(Cart.class).append(cart, ExpectedVersion.noStream(), new CartOpened(cart), new ItemAdded("a", 1),
          new ItemAdded("b", 2));
      return everything(text);
    }
  }

  private static List<String> everything(DocumentStore store) {
    List<String> read = new ArrayList<>();
    for (EventEnvelope<?> event : store.events().withArchived().readAll(Checkpoint.START, 100_000)) {
      read.add(event.position() + " " + event.streamId() + " " + event.version() + " " + event.type() + " "
          + event.checkpoint());
    }
    return read;
  }

  private List<Long> counts(DocumentStore store) {
    List<Long> counts = new ArrayList<>();
    for (String table : KEYED) {
      counts.add(RawSql.count(store, "SELECT count(*) FROM \"" + schema.name() + "\"." + table));
    }
    return counts;
  }

  private String streamIdType(DocumentStore store) {
    return RawSql.column(store, "SELECT data_type FROM information_schema.columns WHERE table_schema = '"
        + schema.name() + "' AND table_name = 'rf_events' AND column_name = 'stream_id'").get(0);
  }

  @Test
  void aTextSchemaIsConvertedKeepingEveryRowAndPosition() {
    List<String> before = writeWithTextIds(40);
    try (DocumentStore compact = schema.storeBuilder().eventStorage(EventStorage.compact()).build()) {
      assertThat(streamIdType(compact)).isEqualTo("uuid");
      assertThat(everything(compact)).isEqualTo(before);
      assertThat(counts(compact)).containsExactly(43L, 84L, 1L, 1L, 1L);
      assertThat(compact.aggregates(Cart.class).load(before.get(before.size() - 1).split(" ")[1]))
          .get().satisfies(cart -> assertThat(cart.items()).isEqualTo(3));
      UUID next = UUID.randomUUID();
      long last = Long.parseLong(before.get(before.size() - 1).split(" ")[0]);
      assertThat(compact.events().append(next, ExpectedVersion.noStream(), new OrderShipped("n", "a")).lastPosition())
          .isGreaterThan(last);
    }
  }

  @Test
  void aSchemaWithAStreamIdThatIsNotAUuidIsLeftAsItWasNamingTheId() {
    List<String> before;
    try (DocumentStore text = schema.storeBuilder().build()) {
      text.events().append("order-7", ExpectedVersion.noStream(), new OrderShipped("7", "a"));
      text.events().append(UUID.randomUUID(), ExpectedVersion.noStream(), new OrderShipped("8", "a"));
      before = everything(text);
    }
    assertThatThrownBy(() -> schema.storeBuilder().eventStorage(EventStorage.compact()).build())
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("\"order-7\"").hasMessageContaining("rf_streams").hasMessageContaining("nothing was changed");
    try (DocumentStore text = schema.storeBuilder().build()) {
      assertThat(streamIdType(text)).isEqualTo("text");
      assertThat(everything(text)).isEqualTo(before);
      assertThat(text.events().readStream("order-7")).hasSize(1);
    }
  }

  @Test
  void aConversionWhoseConnectionIsKilledWhileAFrozenPeerHoldsATableChangesNothingAndTheNextStartConverts()
      throws Exception {
    List<String> before = writeWithTextIds(10);
    ExecutorService starting = Executors.newSingleThreadExecutor();
    try (Connection frozen = TestDatabase.shared().connect(); Connection killer = TestDatabase.shared().connect()) {
      // A peer that took a table and stopped: the converting start waits on its lock.
      frozen.setAutoCommit(false);
      try (Statement hold = frozen.createStatement()) {
        hold.execute("LOCK TABLE \"" + schema.name() + "\".rf_snapshots IN ACCESS SHARE MODE");
      }
      Future<DocumentStore> start = starting.submit(
          () -> schema.storeBuilder().eventStorage(EventStorage.compact()).build());
      int waiting = awaitBackend(killer, "wait_event_type = 'Lock'", "LOCK TABLE \"" + schema.name() + "\"%");
      try (Statement kill = killer.createStatement()) {
        kill.execute("SELECT pg_terminate_backend(" + waiting + ")");
      }
      assertThatThrownBy(() -> start.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(SchemaException.class);
      frozen.rollback();
    } finally {
      starting.shutdownNow();
    }
    try (DocumentStore text = schema.storeBuilder().build()) {
      assertThat(streamIdType(text)).isEqualTo("text");
      assertThat(everything(text)).isEqualTo(before);
    }
    try (DocumentStore compact = schema.storeBuilder().eventStorage(EventStorage.compact()).build()) {
      assertThat(streamIdType(compact)).isEqualTo("uuid");
      assertThat(everything(compact)).isEqualTo(before);
    }
  }

  /** A text schema with enough rows that rewriting them takes a while (ten events per stream, by SQL). */
  private List<Long> writeManyWithTextIds(DocumentStore text, long streams) {
    String s = "\"" + schema.name() + "\".";
    RawSql.execute(text, "INSERT INTO " + s + "rf_streams (stream_id, version) SELECT md5('k' || g)::uuid::text, 10"
        + " FROM generate_series(1, " + streams + ") g");
    RawSql.execute(text, "INSERT INTO " + s + "rf_events (stream_id, version, type, schema_version, data)"
        + " SELECT md5('k' || g)::uuid::text, v, 'OrderShipped', 1, '{\"orderId\": \"o\", \"carrier\": \"c\"}'"
        + " FROM generate_series(1, " + streams + ") g, generate_series(1, 10) v");
    return counts(text);
  }

  @Test
  void aStoreKilledWhileItConvertsLeavesTheSchemaAsItWasAndTheNextStartConverts() throws Exception {
    List<Long> before;
    try (DocumentStore text = schema.storeBuilder().build()) {
      before = writeManyWithTextIds(text, 30_000);
      try (ChildJvm converting = ChildJvm.start(ConvertingStoreMain.class, text);
          Connection watcher = TestDatabase.shared().connect()) {
        int backend = awaitBackend(watcher, "state = 'active'", "ALTER TABLE \"" + schema.name() + "\"%");
        converting.kill();
        awaitGone(watcher, backend);
        assertThat(converting.printed("converted")).as(converting.output()).isFalse();
      }
      assertThat(streamIdType(text)).isEqualTo("text");
      assertThat(counts(text)).isEqualTo(before);
    }
    try (DocumentStore compact = schema.storeBuilder().eventStorage(EventStorage.compact()).build()) {
      assertThat(streamIdType(compact)).isEqualTo("uuid");
      assertThat(counts(compact)).isEqualTo(before);
    }
  }

  @Test
  void aConverterFrozenMidWayLetsGoOfItsLocksAndAPeerConvertsInstead() throws Exception {
    ExecutorService starting = Executors.newSingleThreadExecutor();
    try (DocumentStore text = schema.storeBuilder().build()) {
      List<Long> before = writeManyWithTextIds(text, 30_000);
      frozenConverterLetsAPeerConvert(text, before, starting);
    } finally {
      starting.shutdownNow();
    }
  }

  private void frozenConverterLetsAPeerConvert(DocumentStore text, List<Long> before, ExecutorService starting)
      throws Exception {
    try (ChildJvm frozen = ChildJvm.start(ConvertingStoreMain.class, text);
        Connection watcher = TestDatabase.shared().connect()) {
      awaitBackend(watcher, "state = 'active'", "ALTER TABLE \"" + schema.name() + "\"%");
      frozen.stop();
      long stopped = System.nanoTime();
      // The peer waits on the frozen converter's locks until the server ends its idle transaction.
      Future<DocumentStore> peer = starting.submit(
          () -> schema.storeBuilder().eventStorage(EventStorage.compact()).build());
      try (DocumentStore compact = peer.get(90, TimeUnit.SECONDS)) {
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(60));
        assertThat(streamIdType(compact)).isEqualTo("uuid");
        assertThat(counts(compact)).isEqualTo(before);
      }
      frozen.resume();
      frozen.awaitExit(Duration.ofSeconds(30));
      assertThat(frozen.printed("converted")).as("its transaction was ended: " + frozen.output()).isFalse();
    }
  }

  /** The pid of a backend in {@code condition} running a statement like {@code pattern}, awaited. */
  private static int awaitBackend(Connection connection, String condition, String pattern) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (var statement = connection.prepareStatement("SELECT pid FROM pg_stat_activity WHERE " + condition
          + " AND query LIKE ?")) {
        statement.setString(1, pattern);
        try (var row = statement.executeQuery()) {
          if (row.next()) {
            return row.getInt(1);
          }
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no backend (" + condition + ") ran " + pattern + " within 60 s");
  }

  /** Waits until the backend has ended (a killed client's backend ends at its next word to the client). */
  private static void awaitGone(Connection connection, int backend) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (var statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
        statement.setInt(1, backend);
        try (var row = statement.executeQuery()) {
          row.next();
          if (row.getLong(1) == 0) {
            return;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("backend " + backend + " still runs 60 s after its client was killed");
  }

  @Test
  void twoStoresConvertingAtOnceBothStartAndEveryRowIsKeptOnce() throws Exception {
    List<String> before = writeWithTextIds(30);
    ExecutorService starting = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<Void> go = new CompletableFuture<>();
      List<Future<DocumentStore>> stores = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        stores.add(starting.submit(() -> {
          go.get();
          return schema.storeBuilder().eventStorage(EventStorage.compact()).build();
        }));
      }
      go.complete(null);
      for (Future<DocumentStore> future : stores) {
        try (DocumentStore store = future.get(60, TimeUnit.SECONDS)) {
          assertThat(streamIdType(store)).isEqualTo("uuid");
          assertThat(everything(store)).isEqualTo(before);
          assertThat(counts(store)).containsExactly(33L, 64L, 1L, 1L, 1L);
        }
      }
    } finally {
      starting.shutdownNow();
    }
  }
}
