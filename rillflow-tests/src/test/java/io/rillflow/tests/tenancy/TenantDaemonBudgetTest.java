package io.rillflow.tests.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.PoolOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.tests.events.SafePoint;
import io.rillflow.tests.readmodels.Purchased;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many tenants x three async projections caught up by one store's tenant daemon under a budget of
 * eight concurrent batches: the connections the store uses at once (sampled from
 * {@code pg_stat_activity} by its application name, every backend not idle) never exceed the budget
 * plus a small constant, and every tenant's read models are right. 200 tenants by default
 * ({@code -Drillflow.test.budgetTenants=N} to change).
 *
 * <p>Open connections are logged beside: HikariCP opens a connection for a borrower that waits even
 * when another's returned connection then serves it, so a pool larger than the budget drifts above
 * it (14 open for a budget of 8 with a pool of 32, measured). A pool of budget + 2 bounds them, and
 * the background test runs the daemon in exactly that pool, without a connection timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantDaemonBudgetTest {
  private static final Logger LOG = LoggerFactory.getLogger(TenantDaemonBudgetTest.class);
  private static final int TENANTS = Integer.getInteger("rillflow.test.budgetTenants", 200);
  private static final int BUDGET = 8;
  /** Beside the workers' connections: the tenant list read, and a connection caught finishing its COMMIT. */
  private static final int CONSTANT = 2;
  private static final List<String> PROJECTIONS = List.of("total_a", "total_b", "total_c");

  private TestSchema schema;
  private final String application = "rf-budget-" + UUID.randomUUID().toString().substring(0, 8);

  private DocumentStore build(String applicationName) {
    return build(applicationName, 4 * BUDGET);
  }

  private DocumentStore build(String applicationName, int poolSize) {
    String url = TestDatabase.shared().jdbcUrl();
    var builder = schema.storeBuilder()
        .url(url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName)
        // No idle connections kept: what is open is what the daemon asked for.
        .pool(PoolOptions.defaults().maximumSize(poolSize).minimumIdle(0).connectionTimeout(Duration.ofSeconds(20)))
        .discoverModules(false).module(TenancyModule.only()).readModels(false)
        .tenancy(tenancy().concurrentBatchesPerDatabase(BUDGET));
    for (String name : PROJECTIONS) {
      builder.projection(name, ProjectionLifecycle.ASYNC, new TenantTotals(name));
    }
    return builder.build();
  }

  /** The mode under test: a schema per tenant here, conjoined in {@link ConjoinedDaemonBudgetTest}. */
  protected Tenancy tenancy() {
    return Tenancy.schemaPerTenant();
  }

  /** Where a tenant's projection totals are, as SQL after {@code FROM}: its schema's table here. */
  protected String projectionTotalsOf(String storeSchema, String tenant) {
    return "\"" + storeSchema + "_" + tenant + "\".doc_projection_total";
  }

  private static String tenant(int i) {
    return "t" + i;
  }

  @BeforeAll
  void provision() throws Exception {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    long start = System.nanoTime();
    try (DocumentStore setup = build("rf-budget-setup")) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
          int n = i;
          done.add(pool.submit(() -> {
            setup.tenants().ensure(tenant(n));
            DocumentStore tenant = setup.forTenant(tenant(n));
            for (int s = 0; s < 2; s++) {
              tenant.events().append("order-" + s, ExpectedVersion.noStream(), purchase(n), purchase(n), purchase(n));
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(10, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      SafePoint.await(setup.forTenant(tenant(TENANTS - 1)));
    }
    LOG.info("Provisioned {} tenants with 6 events each in {} ms", TENANTS,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static Purchased purchase(int tenant) {
    return new Purchased("c", BigDecimal.valueOf(tenant + 1));
  }

  @AfterAll
  void drop() {
    try (DocumentStore cleanup = build("rf-budget-cleanup")) {
      for (String tenant : cleanup.tenants().list()) {
        cleanup.tenants().drop(tenant, tenant);
      }
    } finally {
      schema.drop();
    }
  }

  @Test
  @Order(1)
  void oneDaemonCatchesEveryTenantUpWithinItsConnectionBudget() throws Exception {
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger open = new AtomicInteger();
    Thread sampler = new Thread(() -> sample(application, sampling, peak, open));
    try (DocumentStore store = build(application)) {
      // A tenant's first forTenant in a process checks its tables against the catalogue: done here, one
      // tenant at a time, so that what is measured is the daemon's batches (first opens inside the
      // daemon's workers were measured at up to 13 connections in use for a budget of 8).
      for (int i = 0; i < TENANTS; i++) {
        store.forTenant(tenant(i));
      }
      sampler.start();
      long start = System.nanoTime();
      long applied = store.tenants().daemon().runUntilIdle();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      sampling.set(false);
      sampler.join();
      LOG.info("{} tenants x {} projections: {} events applied in {} ms, peak {} connections in use, {} open"
          + " (budget {}, pool {})", TENANTS, PROJECTIONS.size(), applied, millis, peak.get(), open.get(), BUDGET,
          4 * BUDGET);
      assertThat(applied).isEqualTo(6L * PROJECTIONS.size() * TENANTS);
      assertThat(peak.get()).as("peak connections of the store in use").isBetween(1, BUDGET + CONSTANT);

      for (int i = 0; i < TENANTS; i++) {
        DocumentStore tenant = store.forTenant(tenant(i));
        for (String name : PROJECTIONS) {
          assertThat(tenant.querySession().load(ProjectionTotal.class, name)).as(tenant(i) + " " + name)
              .contains(new ProjectionTotal(name, 6, BigDecimal.valueOf(6L * (i + 1))));
        }
      }
    }
  }

  @Test
  @Order(2)
  void theBackgroundDaemonPicksUpNewEventsOfAnyTenantWithinItsBudget() throws Exception {
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger open = new AtomicInteger();
    String name = application + "-bg";
    try (DocumentStore store = build(name, BUDGET + 2)) {
      store.tenants().daemon().runUntilIdle();
      int last = TENANTS - 1;
      store.forTenant(tenant(last)).events().append("late", ExpectedVersion.noStream(), purchase(last));
      Thread sampler = new Thread(() -> sample(name, sampling, peak, open));
      sampler.start();
      store.tenants().daemon().start();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (events(projectionTotalsOf(store.schemaName(), tenant(last))) < 7 * PROJECTIONS.size()) {
        assertThat(System.nanoTime()).as("the late event projected within 120 s").isLessThan(deadline);
        Thread.sleep(50);
      }
      store.tenants().daemon().stop();
      sampling.set(false);
      sampler.join();
      LOG.info("Background daemon: peak {} connections in use, {} open (budget {}, pool {})", peak.get(), open.get(),
          BUDGET, BUDGET + 2);
      assertThat(peak.get()).isLessThanOrEqualTo(BUDGET + CONSTANT);
    }
  }

  /** Samples the store's connections on the server: the peak in use (not idle) and the peak open. */
  private static void sample(String applicationName, AtomicBoolean sampling, AtomicInteger peak, AtomicInteger open) {
    try (Connection connection = TestDatabase.shared().connect();
        PreparedStatement count = connection.prepareStatement("SELECT count(*) FILTER (WHERE state <> 'idle'),"
            + " count(*) FROM pg_stat_activity WHERE application_name = ?")) {
      count.setString(1, applicationName);
      while (sampling.get()) {
        try (ResultSet row = count.executeQuery()) {
          row.next();
          peak.accumulateAndGet(row.getInt(1), Math::max);
          open.accumulateAndGet(row.getInt(2), Math::max);
        }
        Thread.sleep(5);
      }
    } catch (SQLException | InterruptedException e) {
      throw new AssertionError("sampling pg_stat_activity failed", e);
    }
  }

  /** How many events the projections have counted for a tenant ({@link #projectionTotalsOf}), read beside the store's pool. */
  private static long events(String totals) throws SQLException {
    try (Connection connection = TestDatabase.shared().connect();
        PreparedStatement sum = connection.prepareStatement("SELECT coalesce(sum((data->>'events')::bigint), 0) FROM "
            + totals)) {
      try (ResultSet row = sum.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
