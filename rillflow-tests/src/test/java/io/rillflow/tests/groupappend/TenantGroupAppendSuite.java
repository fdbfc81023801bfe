package io.rillflow.tests.groupappend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentStore;
import io.rillflow.RillflowException;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.GroupAppendOptions;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tests.events.Attempted;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Group append on tenants' stores ({@code forTenant}), in every tenancy mode (a subclass per mode):
 * racing tenants' appends are grouped within their tenant and stay there, a killed connection fails its
 * tenant's group alone, closing the root store fails every tenant's waiting appends, the threads stay
 * bounded however many tenants append, none starts before the first grouped append, and a process
 * killed while its groups are in flight leaves each of them whole or absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TenantGroupAppendSuite {
  /** The tenants of the many-tenants case, besides alpha and beta. */
  protected static final String MANY = "many";

  private TestSchema schema;
  private DocumentStore setup;

  /** The mode under test; {@code manyTenants} more tenants named {@code many0, many1, ...} must be allowed. */
  protected abstract Tenancy tenancy(int manyTenants);

  /** How many tenants the bounded-threads case appends to. */
  protected int manyTenants() {
    return 12;
  }

  /** Whether alpha and beta live in one database (transaction ids are then comparable). */
  protected boolean alphaAndBetaShareADatabase() {
    return true;
  }

  /** Drops what the mode made of the store's schema outside the test database; nothing by default. */
  protected void dropElsewhere(String storeSchema) {}

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    setup = grouping(GroupAppendOptions.OFF);
    setup.tenants().ensure("alpha");
    setup.tenants().ensure("beta");
  }

  @AfterAll
  void stop() {
    try {
      schema.dropWithTenants(setup);
    } finally {
      dropElsewhere(schema.name());
    }
  }

  /** A store of the mode on the suite's schema, appending in groups with {@code options}. */
  protected DocumentStore grouping(GroupAppendOptions options) {
    return schema.storeBuilder().tenancy(tenancy(manyTenants())).readModels(false).maximumPoolSize(24)
        .groupAppends(options).build();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }

  @Test
  void racingTenantsAppendsAreGroupedWithinTheirTenantAndStayThere() throws Exception {
    TenantRace race = new TenantRace(unique("race"), List.of("alpha", "beta"));
    try (DocumentStore store = grouping(GroupAppendOptions.enabled().maxGroupSize(8))) {
      race.run(store, 16, Duration.ofSeconds(5));
      Map<String, List<Long>> transactions = race.verify(store);
      for (List<Long> tenant : transactions.values()) {
        assertThat(new java.util.HashSet<>(tenant)).as("appends were grouped: fewer transactions than appends")
            .hasSizeLessThan(tenant.size());
      }
      if (alphaAndBetaShareADatabase()) {
        assertThat(transactions.get("alpha")).as("no group wrote to two tenants")
            .doesNotContainAnyElementsOf(transactions.get("beta"));
      }
    }
  }

  @Test
  void aKilledConnectionFailsItsTenantsGroupAloneAndTheLaneGoesOn() throws Exception {
    int size = 6;
    String prefix = unique("killed");
    String locked = prefix + "locked";
    try (DocumentStore store = grouping(GroupAppendOptions.enabled().lanes(1).maxGroupSize(size)
        .maxDelay(Duration.ofSeconds(20)))) {
      DocumentStore alpha = store.forTenant("alpha");
      DocumentStore beta = store.forTenant("beta");
      // Through a store without groups: the lanes' first groups below then wait until they are full.
      setup.forTenant("alpha").events().append(locked, ExpectedVersion.noStream(), new Attempted("first", 1));
      setup.forTenant("beta").events().append(locked, ExpectedVersion.noStream(), new Attempted("beta-first", 1));
      ExecutorService threads = Executors.newFixedThreadPool(2 * size);
      try (Connection locker = alpha.dataSource().getConnection()) {
        // Holds alpha's row of the stream: alpha's group waits on it until its backend is killed.
        locker.setAutoCommit(false);
        try (Statement lock = locker.createStatement()) {
          lock.execute("SELECT version FROM \"" + alpha.schemaName() + "\".rf_streams WHERE stream_id = '" + locked
              + "'" + (conjoined() ? " AND tenant_id = 'alpha'" : "") + " FOR UPDATE");
        }
        List<Future<AppendResult>> alphas = appendGroup(threads, alpha, prefix, size, "locked");
        WaitingGroups.awaitOnALock(alpha.dataSource(), alpha.schemaName());
        // Beta's lane is its own: beta's group (the same stream names) commits while alpha's waits.
        List<Future<AppendResult>> betas = appendGroup(threads, beta, prefix, size, "beta-second");
        for (Future<AppendResult> append : betas) {
          assertThat(append.get(60, TimeUnit.SECONDS).version()).isGreaterThan(0);
        }
        assertThat(alphas).noneMatch(Future::isDone);
        WaitingGroups.terminateOnALock(alpha.dataSource(), alpha.schemaName());
        for (Future<AppendResult> append : alphas) {
          assertThatThrownBy(() -> append.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
              .cause().isInstanceOf(RillflowException.class)
              .hasMessageContaining("the connection of its group was lost");
        }
        locker.rollback();
      } finally {
        threads.shutdownNow();
      }
      assertThat(alpha.events().readStream(locked)).extracting(e -> ((Attempted) e.data()).attempt())
          .containsExactly("first");
      assertThat(beta.events().readStream(locked)).extracting(e -> ((Attempted) e.data()).attempt())
          .containsExactly("beta-first", "beta-second");
      for (int i = 1; i < size; i++) {
        assertThat(alpha.events().streamState(prefix + "victim-" + i)).as("nothing of alpha's group").isEmpty();
        assertThat(beta.events().readStream(prefix + "victim-" + i)).hasSize(1);
      }
      // The lane goes on with a new connection.
      assertThat(alpha.events().append(locked, ExpectedVersion.exactly(1), new Attempted("after", 1)).version())
          .isEqualTo(2);
    }
  }

  @Test
  void closingTheRootStoreFailsEveryTenantsWaitingAppendAndWritesNone() throws Exception {
    String prefix = unique("closed");
    DocumentStore store = grouping(GroupAppendOptions.enabled().lanes(1).maxGroupSize(100)
        .maxDelay(Duration.ofMinutes(5)));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<AppendResult>> waiting = new ArrayList<>();
    try {
      for (String tenant : List.of("alpha", "beta")) {
        DocumentStore view = store.forTenant(tenant);
        for (int i = 0; i < 2; i++) {
          String stream = prefix + tenant + "-" + i;
          waiting.add(threads.submit(() -> view.events().append(stream, ExpectedVersion.noStream(),
              new Attempted(stream, 1), new Attempted(stream, 2))));
        }
      }
      // Every append waits for company for five minutes; closing the store must not wait for them.
      WaitingGroups.awaitCallers(4);
      long start = System.nanoTime();
      store.close();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      for (Future<AppendResult> append : waiting) {
        assertThatThrownBy(() -> append.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(RillflowException.class).hasMessageContaining("store was closed")
            .hasMessageContaining(prefix).hasMessageContaining("nothing was written");
      }
    } finally {
      threads.shutdownNow();
      store.close();
    }
    assertThat(groupThreads()).as("the root's close stopped the threads").isZero();
    for (String tenant : List.of("alpha", "beta")) {
      for (int i = 0; i < 2; i++) {
        assertThat(setup.forTenant(tenant).events().streamState(prefix + tenant + "-" + i)).isEmpty();
      }
    }
  }

  @Test
  void manyTenantsShareABoundedSetOfThreads() throws Exception {
    List<String> tenants = new ArrayList<>();
    for (int i = 0; i < manyTenants(); i++) {
      tenants.add(MANY + i);
      setup.tenants().ensure(MANY + i);
    }
    TenantRace race = new TenantRace(unique("many"), tenants);
    try (DocumentStore store = grouping(GroupAppendOptions.enabled().threads(3))) {
      ThreadCount threads = ThreadCount.watch(this::groupThreads);
      race.run(store, 24, Duration.ofSeconds(4));
      int most = threads.stop();
      assertThat(most).as("threads while %s tenants appended", tenants.size()).isBetween(1, 3);
      race.verify(store);
    }
  }

  @Test
  void noThreadStartsBeforeTheFirstGroupedAppendAndIdleThreadsStopAndStartAgain() throws Exception {
    String prefix = unique("lazy");
    try (DocumentStore store = grouping(GroupAppendOptions.enabled())) {
      DocumentStore alpha = store.forTenant("alpha");
      DocumentStore beta = store.forTenant("beta");
      // A keyed append is not grouped: it starts nothing.
      alpha.events().append(prefix + "keyed", ExpectedVersion.noStream(),
          AppendOptions.builder().idempotencyKey(prefix).build(), new Attempted("keyed", 1));
      assertThat(groupThreads()).as("before the first grouped append").isZero();

      alpha.events().append(prefix + "first", ExpectedVersion.noStream(), new Attempted("first", 1));
      assertThat(groupThreads()).isEqualTo(1);

      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (groupThreads() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(groupThreads()).as("an idle thread stops").isZero();
      assertThat(beta.events().append(prefix + "first", ExpectedVersion.noStream(), new Attempted("again", 1))
          .version()).isEqualTo(1);
      assertThat(groupThreads()).isEqualTo(1);
      assertThat(alpha.events().readStream(prefix + "first")).extracting(e -> ((Attempted) e.data()).attempt())
          .containsExactly("first");
    }
  }

  @Test
  void aKilledProcessLeavesEveryTenantsGroupsWholeOrAbsent() throws Exception {
    String prefix = unique("crash");
    List<String> acked;
    try (ChildJvm child = ChildJvm.start(List.of(), GroupAppenderMain.class, List.of(ChildJvm.jdbcUrl(setup),
        setup.schemaName(), tenancy(0).mode().name(), prefix, ChildJvm.jdbcUrl(setup.forTenant("alpha")),
        ChildJvm.jdbcUrl(setup.forTenant("beta"))))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (child.lines().stream().filter(line -> line.startsWith("acked ")).count() < 300
          && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      // SIGKILL while its writers keep groups in flight: the server rolls back what did not commit.
      child.kill();
      acked = child.lines().stream().filter(line -> line.startsWith("acked ")).toList();
      assertThat(acked).as("the child appended; its output: %s", child.output()).hasSizeGreaterThanOrEqualTo(300);
    }
    for (String tenant : List.of("alpha", "beta")) {
      Map<String, EventEnvelope<?>> stored = TenantRace.stored(setup.forTenant(tenant), tenant, prefix);
      List<String> ackedHere = acked.stream().map(line -> line.split(" ")).filter(line -> line[1].equals(tenant))
          .map(line -> line[2]).toList();
      assertThat(ackedHere).isNotEmpty();
      assertThat(stored.keySet()).as("every append %s acknowledged is stored", tenant).containsAll(ackedHere);
    }
  }

  /**
   * Appends {@code size} appends of one tenant at once, a group's worth: {@code attempt} to the stream
   * {@code prefix + "locked"} at version 1, and a new stream {@code prefix + "victim-" + i} each.
   */
  private static List<Future<AppendResult>> appendGroup(ExecutorService threads, DocumentStore tenant, String prefix,
      int size, String attempt) {
    List<Future<AppendResult>> appends = new ArrayList<>();
    appends.add(threads.submit(() -> tenant.events().append(prefix + "locked", ExpectedVersion.exactly(1),
        new Attempted(attempt, 1))));
    for (int i = 1; i < size; i++) {
      String stream = prefix + "victim-" + i;
      appends.add(threads.submit((Callable<AppendResult>) () -> tenant.events().append(stream,
          ExpectedVersion.noStream(), new Attempted(stream, 1))));
    }
    return appends;
  }

  private boolean conjoined() {
    return tenancy(0).mode() == Tenancy.Mode.CONJOINED;
  }

  private int groupThreads() {
    return WaitingGroups.threads(schema.name());
  }
}
