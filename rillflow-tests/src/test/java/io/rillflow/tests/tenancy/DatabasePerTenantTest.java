package io.rillflow.tests.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.PoolOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.tenancy.TenantDatabases;
import io.rillflow.tenancy.UnknownTenantException;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.test.TestServer;
import io.rillflow.test.TestServers;
import io.rillflow.tests.events.SafePoint;
import io.rillflow.tests.readmodels.CustomerSpend;
import io.rillflow.tests.readmodels.Purchased;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Database per tenant over two PostgreSQL servers: "north" in the test database, "south" and "east"
 * sharing a database on an extra embedded server. A server that is stopped fails its tenants only,
 * naming tenant and server, and its tenants work again once it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabasePerTenantTest {
  private static final TestServer OTHER = TestServers.extra("tenants-down");
  private TestSchema schema;
  private DocumentStore store;

  private Tenancy tenancy() {
    return Tenancy.databasePerTenant(TenantDatabases.of(Map.of(
        "north", TestDatabase.shared().jdbcUrl(),
        "south", OTHER.jdbcUrl(),
        "east", OTHER.jdbcUrl())));
  }

  private DocumentStore build(Tenancy tenancy) {
    // A short connection timeout: a stopped server's tenants fail in 2 s, not Hikari's default 30.
    return schema.storeBuilder().pool(PoolOptions.defaults().maximumSize(4).connectionTimeout(Duration.ofSeconds(2)))
        .tenancy(tenancy).build();
  }

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    store = build(tenancy());
    for (String tenant : new String[] {"north", "south", "east"}) {
      store.tenants().ensure(tenant);
    }
  }

  @AfterEach
  void serverBack() throws InterruptedException {
    OTHER.thaw();
    OTHER.start();
    awaitBack(store, "south");
  }

  /**
   * Waits until the tenant's reads work again: after failed attempts the pool retries connecting with
   * a backoff of up to a few seconds, so the first reads after a restart may still time out.
   */
  private static void awaitBack(DocumentStore store, String tenant) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        store.forTenant(tenant).querySession().load(Invoice.class, "none");
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  @AfterAll
  void stop() throws SQLException {
    try {
      schema.dropWithTenants(store);
    } finally {
      OTHER.dropSchema(schema.name());
    }
  }

  private static String save(DocumentStore tenant, String customer) {
    String id = "inv-" + UUID.randomUUID();
    try (DocumentSession session = tenant.openSession()) {
      session.store(new Invoice(id, customer, 5));
      session.saveChanges();
    }
    return id;
  }

  private boolean schemaOnOther(String name) throws SQLException {
    try (Connection connection = OTHER.connect();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
      statement.setString(1, name);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getInt(1) == 1;
      }
    }
  }

  @Test
  void tenantsLiveOnTheServerTheirUrlNames() throws SQLException {
    assertThat(schemaOnOther(schema.name() + "_south")).isTrue();
    assertThat(schemaOnOther(schema.name() + "_east")).isTrue();
    assertThat(schemaOnOther(schema.name() + "_north")).as("north lives in the test database").isFalse();
    String id = save(store.forTenant("south"), "s");
    assertThat(store.forTenant("east").querySession().load(Invoice.class, id)).as("east shares south's database, not its schema")
        .isEmpty();
    assertThat(store.tenants().list()).containsExactly("east", "north", "south");
  }

  @Test
  void tenantsSharingADatabaseShareOnePool() {
    save(store.forTenant("south"), "s");
    save(store.forTenant("east"), "e");
    save(store.forTenant("north"), "n");
    // Hikari names its threads after the pool: one pool for the extra server, none new for the store's own URL.
    String prefix = "rillflow-" + schema.name() + "-db";
    Set<String> pools = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(name -> name.startsWith(prefix)).map(name -> name.split("[: ]")[0]).collect(Collectors.toSet());
    assertThat(pools).hasSize(1);
  }

  @Test
  void aServerDownFailsOnlyItsTenantsNamingTenantAndServer() throws InterruptedException {
    String north = save(store.forTenant("north"), "n");
    String south = save(store.forTenant("south"), "s");
    OTHER.stop();

    for (String tenant : new String[] {"south", "east"}) {
      assertThatThrownBy(() -> store.forTenant(tenant).querySession().load(Invoice.class, south))
          .hasMessageContaining("tenant \"" + tenant + "\"").hasMessageContaining(":" + OTHER.port() + "/");
    }
    assertThat(store.forTenant("north").querySession().load(Invoice.class, north)).isPresent();
    save(store.forTenant("north"), "still");
    store.forTenant("north").events().append("n-" + UUID.randomUUID(), ExpectedVersion.noStream(),
        new Purchased("n", BigDecimal.ONE));

    OTHER.start();
    awaitBack(store, "south");
    assertThat(store.forTenant("south").querySession().load(Invoice.class, south)).isPresent();
  }

  @Test
  void aFrozenServerFailsItsTenantsWithinThePoolTimeoutAndTheOthersKeepWorking() throws Exception {
    String south = save(store.forTenant("south"), "s");
    OTHER.freeze();
    try {
      // Past Hikari's 500 ms without a check: the pool validates the idle connection before lending it.
      Thread.sleep(600);
      CompletableFuture<Throwable> failed = CompletableFuture.supplyAsync(() -> {
        try {
          store.forTenant("south").querySession().load(Invoice.class, south);
          return null;
        } catch (RuntimeException e) {
          return e;
        }
      });
      String north = save(store.forTenant("north"), "n");
      assertThat(store.forTenant("north").querySession().load(Invoice.class, north)).isPresent();
      Throwable failure = failed.get(30, TimeUnit.SECONDS);
      assertThat(failure).as("south's read on a frozen server").isNotNull()
          .hasMessageContaining("tenant \"south\"").hasMessageContaining(":" + OTHER.port() + "/");
    } finally {
      OTHER.thaw();
    }
    awaitBack(store, "south");
    assertThat(store.forTenant("south").querySession().load(Invoice.class, south)).isPresent();
  }

  @Test
  void aTenantFirstUsedWhileItsServerIsDownFailsNamingItAndWorksOnceItIsBack() throws InterruptedException {
    String south = save(store.forTenant("south"), "s");
    OTHER.stop();
    try (DocumentStore fresh = build(tenancy())) {
      // The store starts, and serves the tenants whose servers answer.
      save(fresh.forTenant("north"), "n");
      assertThatThrownBy(() -> fresh.forTenant("south")).hasMessageContaining("tenant \"south\"")
          .hasMessageContaining(":" + OTHER.port() + "/");
      OTHER.start();
      awaitBack(fresh, "south");
      assertThat(fresh.forTenant("south").querySession().load(Invoice.class, south)).isPresent();
    }
  }

  @Test
  void eachDatabaseCatchesUpItsOwnTenantsAndADeadServerHoldsBackOnlyItsOwn() {
    String customer = "c-" + UUID.randomUUID();
    store.forTenant("north").events().append("o-" + UUID.randomUUID(), ExpectedVersion.noStream(),
        new Purchased(customer, new BigDecimal("3.00")));
    store.forTenant("south").events().append("o-" + UUID.randomUUID(), ExpectedVersion.noStream(),
        new Purchased(customer, new BigDecimal("4.00")));
    SafePoint.await(store.forTenant("north"));
    SafePoint.await(store.forTenant("south"));
    store.tenants().daemon().runUntilIdle();
    assertThat(store.forTenant("north").querySession().load(CustomerSpend.class, customer)).map(CustomerSpend::spent)
        .contains(new BigDecimal("3.00"));
    assertThat(store.forTenant("south").querySession().load(CustomerSpend.class, customer)).map(CustomerSpend::spent)
        .contains(new BigDecimal("4.00"));

    store.forTenant("north").events().append("o-" + UUID.randomUUID(), ExpectedVersion.noStream(),
        new Purchased(customer, new BigDecimal("1.00")));
    SafePoint.await(store.forTenant("north"));
    OTHER.stop();
    assertThatThrownBy(() -> store.tenants().daemon().runUntilIdle()).hasMessageContaining(":" + OTHER.port() + "/");
    assertThat(store.forTenant("north").querySession().load(CustomerSpend.class, customer)).map(CustomerSpend::spent)
        .as("north caught up although south's server is down").contains(new BigDecimal("4.00"));
  }

  @Test
  void aReadReplicaIsRefusedBesideDatabasePerTenant() {
    // (Tenancy.conjoined() was refused here too until it was built: ConjoinedTenancyTest covers it now.)
    assertThatThrownBy(() -> schema.storeBuilder().tenancy(tenancy()).readReplica(OTHER.jdbcUrl()).build())
        .hasMessageContaining("readReplica").hasMessageContaining("databasePerTenant");
  }

  @Test
  void theMasterTableRoutesTenantsAddedAtRunTime() throws SQLException {
    try (DocumentStore routed = build(Tenancy.databasePerTenant(TenantDatabases.masterTable()))) {
      assertThatThrownBy(() -> routed.forTenant("west")).isInstanceOf(UnknownTenantException.class)
          .hasMessageContaining("\"west\"");
      routed.tenants().assign("west", OTHER.jdbcUrl());
      routed.tenants().assign("west", OTHER.jdbcUrl());
      routed.tenants().ensure("west");
      assertThat(schemaOnOther(schema.name() + "_west")).isTrue();
      String id = save(routed.forTenant("west"), "w");
      assertThat(routed.forTenant("west").querySession().load(Invoice.class, id)).isPresent();
      assertThatThrownBy(() -> routed.tenants().assign("west", TestDatabase.shared().jdbcUrl()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"west\"");
      assertThat(routed.tenants().list()).contains("west");
      routed.tenants().drop("west", "west");
      assertThat(schemaOnOther(schema.name() + "_west")).isFalse();
    }
    assertThatThrownBy(() -> store.tenants().assign("west", OTHER.jdbcUrl()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("masterTable");
  }
}
