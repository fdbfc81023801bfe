package io.rillflow.tests.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import io.rillflow.tenancy.TenantDatabases;
import io.rillflow.test.TestServer;
import io.rillflow.test.TestServers;
import java.util.HashMap;
import java.util.Map;

/**
 * The tenants' daemon of a database-per-tenant store keeps its budget per database: tenants on two
 * servers, each server's connections in use sampled from its own {@code pg_stat_activity} while one
 * {@code runUntilIdle()} catches everyone up; each stays within the budget plus a small constant, and
 * every read model is right.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerDbBudgetTest {
  private static final Logger LOG = LoggerFactory.getLogger(PerDbBudgetTest.class);
  private static final TestServer OTHER = TestServers.extra("tenants-b");
  private static final int TENANTS_PER_SERVER = 20;
  private static final int BUDGET = 3;
  private static final int CONSTANT = 2;
  private static final List<String> PROJECTIONS = List.of("total_a", "total_b", "total_c");

  private TestSchema schema;
  private final String application = "rf-dbbudget-" + UUID.randomUUID().toString().substring(0, 8);

  private static String named(String url, String applicationName) {
    return url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName;
  }

  private static String tenant(int i) {
    return "t" + i;
  }

  /** Even tenants in the test database, odd ones on the extra server. */
  private static boolean onOther(int i) {
    return i % 2 == 1;
  }

  private DocumentStore build() {
    String own = named(TestDatabase.shared().jdbcUrl(), application);
    String other = named(OTHER.jdbcUrl(), application);
    Map<String, String> urls = new HashMap<>();
    for (int i = 0; i < 2 * TENANTS_PER_SERVER; i++) {
      urls.put(tenant(i), onOther(i) ? other : own);
    }
    var builder = schema.storeBuilder().url(own)
        .pool(PoolOptions.defaults().maximumSize(4 * BUDGET).minimumIdle(0).connectionTimeout(Duration.ofSeconds(20)))
        .discoverModules(false).module(TenancyModule.only()).readModels(false)
        .tenancy(Tenancy.databasePerTenant(TenantDatabases.of(urls)).concurrentBatchesPerDatabase(BUDGET));
    for (String name : PROJECTIONS) {
      builder.projection(name, ProjectionLifecycle.ASYNC, new TenantTotals(name));
    }
    return builder.build();
  }

  @BeforeAll
  void provision() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
  }

  @AfterAll
  void drop() throws SQLException {
    try (DocumentStore cleanup = build()) {
      for (String tenant : cleanup.tenants().list()) {
        cleanup.tenants().drop(tenant, tenant);
      }
    } finally {
      schema.drop();
      OTHER.dropSchema(schema.name());
    }
  }

  @Test
  void eachDatabaseStaysWithinTheBudget() throws Exception {
    try (DocumentStore store = build()) {
      for (int i = 0; i < 2 * TENANTS_PER_SERVER; i++) {
        store.tenants().ensure(tenant(i));
        DocumentStore tenant = store.forTenant(tenant(i));
        for (int s = 0; s < 2; s++) {
          tenant.events().append("order-" + s, ExpectedVersion.noStream(), purchase(i), purchase(i), purchase(i));
        }
      }
      SafePoint.await(store.forTenant(tenant(0)));
      SafePoint.await(store.forTenant(tenant(1)));

      AtomicBoolean sampling = new AtomicBoolean(true);
      AtomicInteger ownPeak = new AtomicInteger();
      AtomicInteger otherPeak = new AtomicInteger();
      Thread ownSampler = new Thread(() -> sample(TestDatabase.shared()::connect, sampling, ownPeak));
      Thread otherSampler = new Thread(() -> sample(OTHER::connect, sampling, otherPeak));
      ownSampler.start();
      otherSampler.start();
      long applied = store.tenants().daemon().runUntilIdle();
      sampling.set(false);
      ownSampler.join();
      otherSampler.join();
      LOG.info("{} tenants on two servers x {} projections: {} applied; peak in use {} (own) and {} (other), budget {}"
          + " per database", 2 * TENANTS_PER_SERVER, PROJECTIONS.size(), applied, ownPeak.get(), otherPeak.get(), BUDGET);
      assertThat(applied).isEqualTo(6L * PROJECTIONS.size() * 2 * TENANTS_PER_SERVER);
      assertThat(ownPeak.get()).as("peak in use on the test database").isBetween(1, BUDGET + CONSTANT);
      assertThat(otherPeak.get()).as("peak in use on the extra server").isBetween(1, BUDGET + CONSTANT);
      for (int i = 0; i < 2 * TENANTS_PER_SERVER; i++) {
        DocumentStore tenant = store.forTenant(tenant(i));
        for (String name : PROJECTIONS) {
          assertThat(tenant.querySession().load(ProjectionTotal.class, name)).as(tenant(i) + " " + name)
              .contains(new ProjectionTotal(name, 6, BigDecimal.valueOf(6L * (i + 1))));
        }
      }
    }
  }

  private static Purchased purchase(int tenant) {
    return new Purchased("c", BigDecimal.valueOf(tenant + 1));
  }

  private interface Server {
    Connection connect() throws SQLException;
  }

  /** Samples the store's connections on one server: the peak not idle. */
  private void sample(Server server, AtomicBoolean sampling, AtomicInteger peak) {
    try (Connection connection = server.connect();
        PreparedStatement count = connection.prepareStatement(
            "SELECT count(*) FILTER (WHERE state <> 'idle') FROM pg_stat_activity WHERE application_name = ?")) {
      count.setString(1, application);
      while (sampling.get()) {
        try (ResultSet row = count.executeQuery()) {
          row.next();
          peak.accumulateAndGet(row.getInt(1), Math::max);
        }
        Thread.sleep(5);
      }
    } catch (SQLException | InterruptedException e) {
      throw new AssertionError("sampling pg_stat_activity failed", e);
    }
  }
}
