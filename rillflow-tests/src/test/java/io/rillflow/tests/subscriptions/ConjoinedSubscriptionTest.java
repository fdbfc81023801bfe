package io.rillflow.tests.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentStore;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.subscriptions.GroupStatus;
import io.rillflow.subscriptions.ParkedEvent;
import io.rillflow.subscriptions.PartitionStatus;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionInfo;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Subscriptions of conjoined tenants: one set of subscription tables, tenant_id leading their keys. A
 * tenant's subscription delivers only its events, one name in two tenants is two subscriptions, and
 * groups, leases, parking, requeue, seek and status are each tenant's own, also with racing members,
 * a killed connection and a killed member process. Each handling is recorded with its tenant in front
 * of the member's name, so one effects table serves both tenants. Subscriptions start at the beginning,
 * so each test expects every event its tenant holds, earlier tests' too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedSubscriptionTest {
  private static final String GROUP = "workers-a";
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final SubscriptionOptions MEMBER = SubscriptionOptions.defaults().group(GROUP)
      .pollInterval(Duration.ofMillis(50)).leaseDuration(LEASE).batchSize(20).retryBackoff(Duration.ofMillis(10));
  private static final AtomicInteger NAMES = new AtomicInteger();
  private final String application = "rf-conjoined-subs-" + UUID.randomUUID().toString().substring(0, 8);
  private TestSchema schema;
  private DocumentStore store;
  private DocumentStore alpha;
  private DocumentStore beta;

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    String url = TestDatabase.shared().jdbcUrl();
    store = schema.storeBuilder().url(url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + application)
        .tenancy(Tenancy.conjoined()).readModels(false).build();
    store.tenants().ensure("alpha");
    store.tenants().ensure("beta");
    alpha = store.forTenant("alpha");
    beta = store.forTenant("beta");
  }

  @AfterAll
  void stop() {
    schema.closeAndDrop(store);
  }

  @BeforeEach
  void tables() {
    Effects.create(alpha);
  }

  private static String name() {
    return "orders-" + NAMES.incrementAndGet();
  }

  @Test
  void theSameNameInTwoTenantsIsTwoSubscriptionsEachDeliveringOnlyItsTenantsEvents() throws Exception {
    String name = name();
    assertThat(alpha.subscriptions().create(name, SubscriptionFilter.allEvents(), 4)).isTrue();
    assertThat(beta.subscriptions().create(name, SubscriptionFilter.allEvents().eventTypes("Ping"), 8)).isTrue();
    assertThat(alpha.subscriptions().create(name, SubscriptionFilter.allEvents(), 4)).as("again: exists").isFalse();
    assertThat(alpha.subscriptions().find(name)).map(SubscriptionInfo::partitions).contains(4);
    assertThat(beta.subscriptions().find(name)).map(SubscriptionInfo::partitions).contains(8);
    assertThat(beta.subscriptions().find(name)).map(info -> info.filter().eventTypes()).contains(Set.of("Ping"));

    OutOfOrderWriter.write(alpha, 2, 4, 10);
    OutOfOrderWriter.write(beta, 2, 3, 10);
    int alphaTotal = positions(alpha).size();
    int betaTotal = positions(beta).size();
    try (SubscriptionHandle a = alpha.subscriptions().subscribe(name, MEMBER.memberId("m1"), recording(alpha, "alpha"));
        SubscriptionHandle b = beta.subscriptions().subscribe(name, MEMBER.memberId("m1"), recording(beta, "beta"))) {
      Await.until("alpha's events handled", Duration.ofSeconds(90), () -> times("alpha").size() == alphaTotal);
      Await.until("beta's events handled", Duration.ofSeconds(90), () -> times("beta").size() == betaTotal);
      Await.until("both at their head", Duration.ofSeconds(30),
          () -> lag(alpha, name) == 0 && lag(beta, name) == 0);
    }
    assertThat(times("alpha").keySet()).as("alpha's subscription delivered exactly alpha's events")
        .isEqualTo(positions(alpha));
    assertThat(times("beta").keySet()).as("beta's subscription delivered exactly beta's events")
        .isEqualTo(positions(beta));
    assertThat(alpha.subscriptions().groupStatus(name, GROUP).head()).as("alpha's head is alpha's last event")
        .isEqualTo(((TreeSet<Long>) positions(alpha)).last());

    assertThat(alpha.subscriptions().delete(name)).isTrue();
    assertThat(alpha.subscriptions().find(name)).isEmpty();
    assertThat(beta.subscriptions().find(name)).as("beta's, after alpha deleted its own").isPresent();
    assertThat(beta.subscriptions().groups(name)).containsExactly(GROUP);
  }

  @Test
  void twoMembersOfOneTenantsGroupSharePartitionsAndAnotherTenantsGroupOfTheSameNameIsIndependent()
      throws Exception {
    String name = name();
    alpha.subscriptions().create(name, SubscriptionFilter.allEvents(), 16);
    beta.subscriptions().create(name, SubscriptionFilter.allEvents(), 16);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch go = new CountDownLatch(1);
    List<SubscriptionHandle> members = new ArrayList<>();
    try {
      List<Future<SubscriptionHandle>> joining = new ArrayList<>();
      for (String[] member : List.of(new String[] {"alpha", "m1"}, new String[] {"alpha", "m2"},
          new String[] {"beta", "m1"})) {
        DocumentStore tenant = store.forTenant(member[0]);
        joining.add(pool.submit(() -> {
          go.await();
          return tenant.subscriptions().subscribe(name, MEMBER.memberId(member[1]), recording(tenant, member[0]));
        }));
      }
      go.countDown();
      for (Future<SubscriptionHandle> member : joining) {
        members.add(member.get());
      }
      Await.until("alpha's two members share its 16 partitions", Duration.ofSeconds(30),
          () -> shares(alpha, name).equals(List.of(8, 8)));
      Await.until("beta's one member (named like one of alpha's) holds all of beta's", Duration.ofSeconds(30),
          () -> shares(beta, name).equals(List.of(16)));
      OutOfOrderWriter.write(alpha, 3, 12, 10);
      OutOfOrderWriter.write(beta, 2, 4, 10);
      int alphaTotal = positions(alpha).size();
      int betaTotal = positions(beta).size();
      Await.until("every event handled", Duration.ofSeconds(90),
          () -> times("alpha").size() == alphaTotal && times("beta").size() == betaTotal);
      Await.until("both at their head", Duration.ofSeconds(30), () -> lag(alpha, name) == 0 && lag(beta, name) == 0);
      assertThat(times("alpha").values()).as("AUTO, nobody killed: each once").containsOnly(1L);
      assertThat(times("beta").values()).containsOnly(1L);
      assertThat(streamsInOrder("alpha")).isTrue();

      // A seek of alpha's group moves alpha's checkpoints only: beta's stay where they are.
      List<Checkpoint> betaBefore = checkpoints(beta, name);
      alpha.subscriptions().seek(name, GROUP, Checkpoint.START);
      Await.until("alpha's group delivered again from the start", Duration.ofSeconds(90),
          () -> times("alpha").values().stream().allMatch(n -> n == 2) && lag(alpha, name) == 0);
      assertThat(checkpoints(beta, name)).as("beta's checkpoints after alpha's seek").isEqualTo(betaBefore);
      assertThat(times("beta").values()).as("beta's events not delivered again").containsOnly(1L);
    } finally {
      members.forEach(SubscriptionHandle::close);
      pool.shutdownNow();
    }
  }

  @Test
  void parkedEventsRequeueAndDeleteAreEachTenantsOwn() {
    String name = name();
    for (int n = 1; n <= 3; n++) {
      alpha.events().append("p", ExpectedVersion.any(), new Ping("p", n));
      beta.events().append("p", ExpectedVersion.any(), new Ping("p", n));
    }
    alpha.subscriptions().create(name, SubscriptionFilter.allEvents());
    beta.subscriptions().create(name, SubscriptionFilter.allEvents());
    AtomicBoolean fixed = new AtomicBoolean();
    List<Integer> alphaHandled = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Integer> betaHandled = new java.util.concurrent.CopyOnWriteArrayList<>();
    SubscriptionOptions options = MEMBER.maxAttempts(2);
    try (SubscriptionHandle a = alpha.subscriptions().subscribe(name, options, (delivery, h) -> {
          Ping ping = (Ping) delivery.event().data();
          if (ping.n() == 2 && !fixed.get()) {
            throw new IllegalStateException("alpha's handler refuses ping 2");
          }
          alphaHandled.add(ping.n());
        });
        SubscriptionHandle b = beta.subscriptions().subscribe(name, options,
            (delivery, h) -> betaHandled.add(((Ping) delivery.event().data()).n()))) {
      Await.until("alpha parked one and went on", Duration.ofSeconds(30),
          () -> alphaHandled.size() == 2 && lag(alpha, name) == 0);
      Await.until("beta handled its three", Duration.ofSeconds(30), () -> betaHandled.size() == 3);
      List<ParkedEvent> parked = alpha.subscriptions().parked(name, GROUP);
      assertThat(parked).hasSize(1);
      long id = parked.get(0).id();
      assertThat(beta.subscriptions().parked(name, GROUP)).as("alpha's parked event, seen from beta").isEmpty();
      assertThat(beta.subscriptions().groupStatus(name, GROUP).parked()).isZero();
      assertThat(alpha.subscriptions().groupStatus(name, GROUP).parked()).isEqualTo(1);
      assertThat(beta.subscriptions().requeue(id)).as("beta requeueing alpha's parked event").isFalse();
      assertThat(beta.subscriptions().deleteParked(id)).as("beta deleting alpha's parked event").isFalse();
      assertThat(alpha.subscriptions().parked(name, GROUP)).hasSize(1);

      fixed.set(true);
      assertThat(alpha.subscriptions().requeue(id)).isTrue();
      Await.until("the requeued event handled", Duration.ofSeconds(30), () -> alphaHandled.size() == 3);
      Await.until("and no longer parked", Duration.ofSeconds(30),
          () -> alpha.subscriptions().parked(name, GROUP).isEmpty());
    }
    assertThat(alphaHandled).containsExactly(1, 3, 2);
    assertThat(betaHandled).containsExactly(1, 2, 3);
  }

  @Test
  void connectionsKilledMidDeliveryLoseNothingAndTheCheckpointsResume() throws Exception {
    String name = name();
    alpha.subscriptions().create(name, SubscriptionFilter.allEvents(), 8);
    beta.subscriptions().create(name, SubscriptionFilter.allEvents(), 8);
    OutOfOrderWriter.write(alpha, 2, 6, 20);
    OutOfOrderWriter.write(beta, 2, 2, 20);
    int alphaTotal = positions(alpha).size();
    int betaTotal = positions(beta).size();
    SubscriptionHandler slowAlpha = slow(recording(alpha, "alpha"));
    // A handler whose pooled connection was killed fails a try: enough tries that none is parked for it.
    SubscriptionOptions patient = MEMBER.maxAttempts(20);
    try (SubscriptionHandle a = alpha.subscriptions().subscribe(name, patient.memberId("m1"), slowAlpha);
        SubscriptionHandle b = beta.subscriptions().subscribe(name, patient.memberId("m1"), recording(beta, "beta"))) {
      int killed = 0;
      for (int round = 1; round <= 3; round++) {
        int reached = round * alphaTotal / 4;
        Await.until("alpha's member handled " + reached, Duration.ofSeconds(60), () -> times("alpha").size() >= reached);
        killed += killStoreConnections();
      }
      assertThat(killed).as("connections of the store killed mid-delivery").isPositive();
      assertThat(times("alpha").size()).as("not done before the last kill").isLessThan(alphaTotal);
      Await.until("every event of alpha handled after the kills", Duration.ofSeconds(120),
          () -> times("alpha").size() == alphaTotal);
      Await.until("both at their head", Duration.ofSeconds(60),
          despiteKills(() -> lag(alpha, name) == 0 && lag(beta, name) == 0));
      Await.until("beta's handled", Duration.ofSeconds(60), () -> times("beta").size() == betaTotal);
    }
    assertThat(times("alpha").keySet()).isEqualTo(positions(alpha));
    // At least once: a batch cut short by a lost connection goes back to its stored checkpoint, so what it
    // had handled since is handled again (how often depends on how many dead pooled connections it met).
    System.out.println("handled again after the kills: "
        + times("alpha").values().stream().mapToLong(n -> n - 1).sum() + " of " + alphaTotal);
    assertThat(streamsInOrder("alpha")).isTrue();

    // The checkpoints resume: a new member of the group finds nothing left to deliver.
    Effects.create(alpha);
    try (SubscriptionHandle again = alpha.subscriptions().subscribe(name, MEMBER.memberId("m2"),
        recording(alpha, "alpha"))) {
      Await.until("the new member holds every partition", Duration.ofSeconds(30),
          () -> shares(alpha, name).equals(List.of(8)));
      Thread.sleep(500);
    }
    assertThat(times("alpha")).as("nothing delivered again after the checkpoints").isEmpty();
  }

  @Test
  void aKilledMemberProcessOfOneTenantHasItsPartitionsTakenOverAndTheOtherTenantIsUntouched() throws Exception {
    String name = name();
    alpha.subscriptions().create(name, SubscriptionFilter.allEvents(), 16);
    beta.subscriptions().create(name, SubscriptionFilter.allEvents(), 16);
    try (SubscriptionHandle local = alpha.subscriptions().subscribe(name, MEMBER.memberId("local"),
        recording(alpha, "alpha"));
        SubscriptionHandle b = beta.subscriptions().subscribe(name, MEMBER.memberId("child"), recording(beta, "beta"))) {
      int total;
      try (ChildJvm child = ChildJvm.start(SubscriberMain.class, store, name, GROUP, "alpha-child", "auto",
          Long.toString(LEASE.toMillis()), "5", "0", "alpha")) {
        Await.until("alpha's two members share its partitions", Duration.ofSeconds(60),
            () -> shares(alpha, name).equals(List.of(8, 8)));
        OutOfOrderWriter.write(alpha, 2, 8, 15);
        total = positions(alpha).size();
        Await.until("the child handled some", Duration.ofSeconds(60),
            () -> child.lines().stream().filter(l -> l.startsWith("handled")).count() >= 10);
        child.close(); // SIGKILL
      }
      OutOfOrderWriter.write(beta, 2, 2, 10);
      int betaTotal = positions(beta).size();
      Await.until("the local member holds all 16 of alpha's", Duration.ofSeconds(30),
          () -> shares(alpha, name).equals(List.of(16)));
      Await.until("every event of alpha handled", Duration.ofSeconds(90), () -> times("alpha").size() == total);
      Await.until("beta's handled by beta's member only", Duration.ofSeconds(60),
          () -> times("beta").size() == betaTotal);
      assertThat(shares(beta, name)).as("beta's group: its own member, the child never joined it")
          .isEqualTo(List.of(16));
    }
    assertThat(times("alpha").keySet()).isEqualTo(positions(alpha));
    assertThat(times("alpha").values()).as("never three times").allMatch(n -> n <= 2);
    assertThat(streamsInOrder("alpha")).isTrue();
  }

  @Test
  void aFilterNamingATenantIsRefusedPointingAtTheTenantsStore() {
    assertThatThrownBy(() -> alpha.subscriptions().create(name(), SubscriptionFilter.allEvents().tenant("beta")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forTenant(\"beta\")");
  }

  /** Records each handling as {@code <tenant>-<member>}: {@link #times} counts a tenant's. */
  private static SubscriptionHandler recording(DocumentStore tenant, String tenantId) {
    return (delivery, handle) -> {
      Ping ping = (Ping) delivery.event().data();
      try (Connection connection = tenant.dataSource().getConnection()) {
        Effects.record(connection, tenant.schemaName(), delivery.position(), ping.key(), ping.n(),
            tenantId + "-handler");
      }
    };
  }

  private static SubscriptionHandler slow(SubscriptionHandler handler) {
    return (delivery, handle) -> {
      handler.handle(delivery, handle);
      Thread.sleep(10);
    };
  }

  /**
   * How many times each position was handled by a member of {@code tenantId}'s subscriptions, read on a
   * connection of the test's own (not the store's, which the kill test ends).
   */
  private Map<Long, Long> times(String tenantId) {
    Map<Long, Long> times = new LinkedHashMap<>();
    try (Connection connection = TestDatabase.shared().connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT position, count(*) FROM " + Effects.table(alpha)
            + " WHERE member LIKE '" + tenantId + "-%' GROUP BY position ORDER BY position")) {
      while (rows.next()) {
        times.put(rows.getLong(1), rows.getLong(2));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return times;
  }

  /** Whether each stream of a tenant had its first handlings in version order (as {@link Effects#streamsInOrder}). */
  private boolean streamsInOrder(String tenantId) {
    boolean[] ordered = {true};
    Map<String, Integer> last = new LinkedHashMap<>();
    String table = Effects.table(alpha);
    Effects.query(alpha, "SELECT stream_id, n FROM " + table + " e WHERE member LIKE '" + tenantId + "-%' AND id ="
        + " (SELECT min(id) FROM " + table + " f WHERE f.position = e.position) ORDER BY id", row -> {
          Integer before = last.put(row.getString(1), row.getInt(2));
          if (before != null && before >= row.getInt(2)) {
            ordered[0] = false;
          }
        });
    return ordered[0];
  }

  /** The condition, or false while the store's pool still hands out a connection the test killed. */
  private static java.util.function.BooleanSupplier despiteKills(java.util.function.BooleanSupplier condition) {
    return () -> {
      try {
        return condition.getAsBoolean();
      } catch (io.rillflow.RillflowException e) {
        return false;
      }
    };
  }

  /** The positions of every event of a tenant's store. */
  private static Set<Long> positions(DocumentStore tenant) {
    Set<Long> positions = new TreeSet<>();
    for (EventEnvelope<?> event : tenant.events().readAll(Checkpoint.START, 100_000)) {
      positions.add(event.position());
    }
    return positions;
  }

  private static long lag(DocumentStore tenant, String name) {
    return tenant.subscriptions().groupStatus(name, GROUP).lag();
  }

  private static List<Integer> shares(DocumentStore tenant, String name) {
    GroupStatus status = tenant.subscriptions().groupStatus(name, GROUP);
    return status.members().stream().map(m -> m.partitions().size()).filter(n -> n > 0).sorted().toList();
  }

  private static List<Checkpoint> checkpoints(DocumentStore tenant, String name) {
    return tenant.subscriptions().groupStatus(name, GROUP).partitions().stream().map(PartitionStatus::checkpoint)
        .toList();
  }

  /** Ends every other connection of this test's store (an admin's {@code pg_terminate_backend}); how many. */
  private int killStoreConnections() throws Exception {
    try (Connection admin = TestDatabase.shared().connect();
        Statement statement = admin.createStatement();
        ResultSet killed = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name = '" + application + "' AND pid <> pg_backend_pid()")) {
      killed.next();
      return killed.getInt(1);
    }
  }
}
