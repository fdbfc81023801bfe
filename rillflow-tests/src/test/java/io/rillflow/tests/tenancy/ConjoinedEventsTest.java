package io.rillflow.tests.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.RillflowException;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendConditionException;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.ArchiveOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.IdempotencyConflictException;
import io.rillflow.events.StreamArchivedException;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tests.dcb.CourseDefined;
import io.rillflow.tests.dcb.StudentId;
import io.rillflow.tests.dcb.StudentSubscribed;
import io.rillflow.tests.events.LockWaiters;
import io.rillflow.tests.events.OrderShipped;
import io.rillflow.tests.events.RawSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Event tags, archive moves and store-wide idempotency keys of conjoined tenants under faults and races:
 * two tenants' conditional appends on one tag never wait for each other (one tenant's still do), an archive
 * move cut off by a killed connection goes on when called again and touches no other tenant, keys are
 * unique per tenant, and dropping a tenant takes its tags, aliases, archived events and keys with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedEventsTest {
  private static final String WAITING_FOR_A_TAG_LOCK = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
      + " AND NOT granted AND classid::text = '" + io.rillflow.events.AppendLockTimeoutException.LOCK_CLASS + "'";
  private static final int BATCH = 100;
  private TestSchema schema;
  private DocumentStore store;

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    store = schema.storeBuilder().tenancy(Tenancy.conjoined()).storeWideIdempotencyKeys(true)
        .archive(ArchiveOptions.DEFAULT.batchSize(BATCH)).build();
    for (String tenant : List.of("acme", "globex")) {
      store.tenants().ensure(tenant);
    }
  }

  @AfterAll
  void stop() {
    schema.closeAndDrop(store);
  }

  private static EventQuery course(String id) {
    return EventQuery.anyOf(EventQuery.item().types(CourseDefined.class, StudentSubscribed.class).tag("course", id));
  }

  @Test
  void anOpenConditionalAppendHoldsItsOwnTenantOnTheTagButNeverAnother() throws Exception {
    String course = "c-" + UUID.randomUUID();
    DocumentStore acme = store.forTenant("acme");
    DocumentStore globex = store.forTenant("globex");
    Checkpoint acmeStart = acme.events().query(course(course)).checkpoint();
    Checkpoint globexStart = globex.events().query(course(course)).checkpoint();
    try (Connection open = acme.dataSource().getConnection()) {
      open.setAutoCommit(false);
      try (DocumentSession session = acme.openSession(open)) {
        session.events().append(AppendCondition.failIfEventsMatch(course(course)).after(acmeStart),
            new StudentSubscribed(course, new StudentId("ada")));
        session.saveChanges();
      }
      // The same tag in another tenant: neither waits (a short bound would fail it) nor conflicts.
      AppendResult other = globex.events().append(AppendCondition.failIfEventsMatch(course(course)).after(globexStart)
          .waitAtMost(Duration.ofSeconds(2)), new StudentSubscribed(course, new StudentId("bob")));
      assertThat(other.count()).isEqualTo(1);

      CompletableFuture<AppendResult> sameTenant = CompletableFuture.supplyAsync(() -> acme.events().append(
          AppendCondition.failIfEventsMatch(course(course)).after(acmeStart),
          new StudentSubscribed(course, new StudentId("cy"))));
      awaitTagLockWaiter();
      assertThat(sameTenant).as("acme's second append on the tag waits for acme's open one").isNotDone();
      open.commit();
      assertThatThrownBy(() -> sameTenant.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(AppendConditionException.class);
    }
    assertThat(acme.events().query(course(course)).events()).extracting(e -> (Object) e.data())
        .containsExactly(new StudentSubscribed(course, new StudentId("ada")));
    assertThat(globex.events().query(course(course)).events()).extracting(e -> (Object) e.data())
        .containsExactly(new StudentSubscribed(course, new StudentId("bob")));
  }

  private void awaitTagLockWaiter() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (RawSql.count(store, WAITING_FOR_A_TAG_LOCK) < 1) {
      assertThat(System.nanoTime()).as("a DCB lock waiter within 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void aStoreWideKeyIsUniquePerTenant() {
    String key = "key-" + UUID.randomUUID();
    DocumentStore acme = store.forTenant("acme");
    DocumentStore globex = store.forTenant("globex");
    acme.events().append("k1-" + key, ExpectedVersion.noStream(), AppendOptions.builder().idempotencyKey(key).build(),
        List.of(new OrderShipped("a", "x")));
    // The same key in another tenant, into another stream: that tenant's first use.
    AppendResult globexs = globex.events().append("k2-" + key, ExpectedVersion.noStream(),
        AppendOptions.builder().idempotencyKey(key).build(), List.of(new OrderShipped("g", "x")));
    assertThat(globexs.version()).isEqualTo(1);

    // Within a tenant the key is still store-wide: another stream of acme is refused, naming acme's first use.
    assertThatThrownBy(() -> acme.events().append("k3-" + key, ExpectedVersion.noStream(),
        AppendOptions.builder().idempotencyKey(key).build(), List.of(new OrderShipped("a", "y"))))
        .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("k1-" + key);
    assertThat(acme.events().readStream("k3-" + key)).isEmpty();
    assertThat(RawSql.column(store, "SELECT tenant_id || ':' || stream_id FROM rf_idempotency_keys"
        + " WHERE idempotency_key = '" + key + "' ORDER BY 1")).containsExactly("acme:k1-" + key, "globex:k2-" + key);
  }

  @Test
  void anArchiveKilledMidMoveGoesOnWhenCalledAgainAndLeavesTheOtherTenantAlone() throws Exception {
    String stream = "long-" + UUID.randomUUID();
    DocumentStore acme = store.forTenant("acme");
    DocumentStore globex = store.forTenant("globex");
    List<Object> shipped = IntStream.rangeClosed(1, 1000).mapToObj(i -> (Object) new OrderShipped(stream, "c" + i))
        .toList();
    acme.events().append(stream, ExpectedVersion.noStream(), AppendOptions.NONE, shipped);
    globex.events().append(stream, ExpectedVersion.noStream(), AppendOptions.NONE, shipped.subList(0, 10));
    List<EventEnvelope<?>> before = acme.events().readStream(stream);

    Throwable failure;
    try (Connection blocker = store.dataSource().getConnection()) {
      blocker.setAutoCommit(false);
      // acme's version 500: the mover moves 1000..501 in five batches, then waits on this row.
      try (Statement statement = blocker.createStatement()) {
        statement.execute("SELECT 1 FROM \"" + schema.name() + "\".rf_events WHERE tenant_id = 'acme'"
            + " AND stream_id = '" + stream + "' AND version = 500 FOR UPDATE");
      }
      Future<Boolean> moving = CompletableFuture.supplyAsync(() -> acme.events().archiveStream(stream));
      int mover = LockWaiters.awaitBlockedOn(store, "rf_events_archived");
      assertThat(acme.events().readStream(stream)).isEqualTo(before.subList(0, 500));
      // globex's stream of the same id is neither moved nor held: its archive does not wait on acme's row.
      assertThat(CompletableFuture.supplyAsync(() -> globex.events().archiveStream(stream)).get(30, TimeUnit.SECONDS))
          .isTrue();
      assertThat(globex.events().withArchived().readStream(stream)).hasSize(10);
      RawSql.execute(store, "SELECT pg_terminate_backend(" + mover + ")");
      try {
        moving.get(30, TimeUnit.SECONDS);
        throw new AssertionError("the move finished although its connection was killed");
      } catch (ExecutionException e) {
        failure = e.getCause();
      } finally {
        blocker.rollback();
      }
    }
    assertThat(failure).isInstanceOf(RillflowException.class).hasMessageContaining("archiveStream again goes on");
    assertThat(versions("rf_events", "acme", stream)).isEqualTo(LongStream.rangeClosed(1, 500).boxed().toList());
    assertThat(versions("rf_events_archived", "acme", stream))
        .isEqualTo(LongStream.rangeClosed(501, 1000).boxed().toList());
    assertThatThrownBy(() -> acme.events().append(stream, ExpectedVersion.any(), new OrderShipped("l", "x")))
        .isInstanceOf(StreamArchivedException.class);

    assertThat(acme.events().archiveStream(stream)).isFalse();
    assertThat(versions("rf_events", "acme", stream)).isEmpty();
    assertThat(acme.events().withArchived().readStream(stream)).isEqualTo(before);
    assertThat(versions("rf_events_archived", "globex", stream)).hasSize(10);
    assertThat(acme.events().unarchiveStream(stream)).isTrue();
    assertThat(acme.events().readStream(stream)).isEqualTo(before);
    assertThat(globex.events().readStream(stream)).as("globex's stays archived").isEmpty();
  }

  private List<Long> versions(String table, String tenant, String stream) {
    return RawSql.column(store, "SELECT version FROM " + table + " WHERE tenant_id = '" + tenant + "' AND stream_id = '"
        + stream + "' ORDER BY version").stream().map(Long::valueOf).toList();
  }

  @Test
  void droppingATenantTakesItsTagsAliasesArchiveAndKeys() throws SQLException {
    store.tenants().ensure("leaving");
    DocumentStore leaving = store.forTenant("leaving");
    leaving.events().append("archived", ExpectedVersion.noStream(), new CourseDefined("gone", 1));
    leaving.events().archiveStream("archived");
    leaving.events().append("keyed", ExpectedVersion.noStream(),
        AppendOptions.builder().idempotencyKey("gone-key").build(), List.of(new CourseDefined("gone", 2)));
    leaving.events().aliases().resolve("gone-alias");

    store.tenants().drop("leaving", "leaving");

    for (String table : List.of("rf_event_tags", "rf_events", "rf_events_archived", "rf_stream_aliases",
        "rf_idempotency_keys")) {
      assertThat(RawSql.count(store, "SELECT count(*) FROM " + table + " WHERE tenant_id = 'leaving'"))
          .as(table).isZero();
    }
  }
}
