package io.rillflow.tests.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaException;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.tenancy.TenantStatus;
import io.rillflow.tenancy.UnknownTenantException;
import io.rillflow.tests.readmodels.Purchased;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema-per-tenant provisioning: ensure (idempotent, racing threads and stores, a killed connection,
 * a half-provisioned tenant), status and drift, migrateAll, drop, export and import, and the errors
 * for bad, unknown and vanished tenants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantProvisioningTest {
  private TestSchema schema;
  private DocumentStore store;
  private final String application = "rf-tenancy-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    store = build();
  }

  private DocumentStore build() {
    String url = TestDatabase.shared().jdbcUrl();
    return schema.storeBuilder()
        .url(url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + application)
        .tenancy(Tenancy.schemaPerTenant())
        .build();
  }

  @AfterAll
  void stop() {
    schema.dropWithTenants(store);
  }

  private Connection connect() throws SQLException {
    return TestDatabase.shared().connect();
  }

  private String tenantSchema(String tenant) {
    return store.schemaName() + "_" + tenant;
  }

  @Test
  void tenantIdsAreIdentifiersAndBadOnesAreNamed() {
    for (String bad : List.of("Acme", "1st", "a-b", "a b", "x".repeat(40))) {
      assertThatThrownBy(() -> store.tenants().ensure(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"" + bad + "\"");
      assertThatThrownBy(() -> store.forTenant(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void anUnknownTenantIsRefusedByName() {
    assertThatThrownBy(() -> store.forTenant("nobody")).isInstanceOf(UnknownTenantException.class)
        .hasMessageContaining("\"nobody\"").hasMessageContaining("ensure")
        .satisfies(e -> assertThat(((UnknownTenantException) e).tenantId()).isEqualTo("nobody"));
    assertThatThrownBy(() -> store.tenants().status("nobody")).isInstanceOf(UnknownTenantException.class);
  }

  @Test
  void ensureIsIdempotentAndATenantViewLivesAsLongAsItsStore() {
    store.tenants().ensure("repeat");
    store.tenants().ensure("repeat");
    DocumentStore view = store.forTenant("repeat");
    assertThat(store.forTenant("repeat")).as("cached").isSameAs(view);
    assertThat(view.schemaName()).isEqualTo(tenantSchema("repeat"));
    view.close();
    view.repository(InvoiceRepository.class).save(new Invoice("i", "c", 1));
    assertThat(store.tenants().list()).contains("repeat");
    TenantStatus status = store.tenants().status("repeat");
    assertThat(status.upToDate()).as(status.toString()).isTrue();
  }

  @Test
  void racingThreadsOfTwoStoresProvisionOnce() throws Exception {
    try (DocumentStore other = build()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          DocumentStore racer = i % 2 == 0 ? store : other;
          racers.add(pool.submit(() -> {
            go.await();
            racer.tenants().ensure("racer");
            racer.forTenant("racer").repository(InvoiceRepository.class).save(new Invoice(UUID.randomUUID().toString(),
                "racer", 1));
            return null;
          }));
        }
        go.countDown();
        for (Future<?> racer : racers) {
          racer.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.forTenant("racer").repository(InvoiceRepository.class).findByCustomer("racer")).hasSize(8);
      assertThat(other.forTenant("racer").repository(InvoiceRepository.class).findByCustomer("racer")).hasSize(8);
    }
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT count(*), count(DISTINCT version), bool_and(success) FROM \""
            + tenantSchema("racer") + "\".rillflow_schema_history WHERE version IS NOT NULL")) {
      row.next();
      assertThat(row.getLong(1)).as("each migration applied once").isEqualTo(row.getLong(2));
      assertThat(row.getBoolean(3)).isTrue();
    }
    assertThat(store.tenants().list()).containsOnlyOnce("racer");
  }

  @Test
  void aKilledConnectionDuringEnsureFailsNamingTheTenantAndTheNextEnsureFinishes() throws Exception {
    String key = "rillflow.tenant." + tenantSchema("killed");
    try (Connection holder = connect()) {
      try (PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
        lock.setString(1, key);
        lock.execute();
      }
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<?> ensure = pool.submit(() -> store.tenants().ensure("killed"));
        // Wait for the provisioning connection to try the lock, then kill it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int killed = 0;
        while (killed == 0 && System.nanoTime() < deadline) {
          try (PreparedStatement kill = holder.prepareStatement("SELECT count(pg_terminate_backend(pid))"
              + " FROM pg_stat_activity WHERE application_name = ? AND query LIKE '%pg_try_advisory_lock%'")) {
            kill.setString(1, application);
            try (ResultSet row = kill.executeQuery()) {
              row.next();
              killed = row.getInt(1);
            }
          }
        }
        assertThat(killed).as("the provisioning connection was found and killed").isPositive();
        assertThatThrownBy(() -> ensure.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(SchemaException.class)
            .cause().hasMessageContaining("tenant \"killed\"");
      } finally {
        pool.shutdownNow();
      }
      try (PreparedStatement unlock = holder.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
        unlock.setString(1, key);
        unlock.execute();
      }
    }
    assertThatThrownBy(() -> store.forTenant("killed")).isInstanceOf(UnknownTenantException.class);
    store.tenants().ensure("killed");
    store.forTenant("killed").repository(InvoiceRepository.class).save(new Invoice("k", "c", 1));
    assertThat(store.tenants().status("killed").upToDate()).isTrue();
  }

  @Test
  void aHalfProvisionedTenantIsFinishedByEnsure() throws Exception {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA \"" + tenantSchema("half") + "\"");
    }
    assertThatThrownBy(() -> store.forTenant("half")).isInstanceOf(UnknownTenantException.class);
    store.tenants().ensure("half");
    assertThat(store.tenants().status("half").upToDate()).isTrue();
  }

  @Test
  void aSchemaDroppedBehindTheStoresBackIsNamedWithItsTenant() throws Exception {
    store.tenants().ensure("ghost");
    DocumentStore cached = store.forTenant("ghost");
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA \"" + tenantSchema("ghost") + "\" CASCADE");
    }
    assertThatThrownBy(() -> cached.repository(InvoiceRepository.class).findById("x"))
        .hasMessageContaining(tenantSchema("ghost"));
    try (DocumentStore fresh = build()) {
      assertThatThrownBy(() -> fresh.forTenant("ghost")).isInstanceOf(UnknownTenantException.class)
          .hasMessageContaining("\"ghost\"").hasMessageContaining("missing");
      assertThat(fresh.tenants().status("ghost").exists()).isFalse();
    }
  }

  @Test
  void statusShowsDriftAndMigrateAllRepairsIt() throws Exception {
    store.tenants().ensure("drifty");
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE \"" + tenantSchema("drifty") + "\".doc_invoice");
    }
    TenantStatus status = store.tenants().status("drifty");
    assertThat(status.upToDate()).isFalse();
    assertThat(status.documents().toSql()).contains("doc_invoice");
    assertThat(status.schemaVersion()).isEqualTo(status.latestVersion());

    assertThat(store.tenants().migrateAll()).contains("drifty");
    assertThat(store.tenants().status("drifty").upToDate()).isTrue();
  }

  @Test
  void dropNeedsTheIdTwiceAndForgetsTheTenant() throws Exception {
    store.tenants().ensure("doomed");
    assertThatThrownBy(() -> store.tenants().drop("doomed", "yes")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"doomed\"");
    assertThat(store.tenants().list()).contains("doomed");
    store.tenants().drop("doomed", "doomed");
    assertThat(store.tenants().list()).doesNotContain("doomed");
    assertThatThrownBy(() -> store.forTenant("doomed")).isInstanceOf(UnknownTenantException.class);
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
        "SELECT count(*) FROM pg_namespace WHERE nspname = ?")) {
      statement.setString(1, tenantSchema("doomed"));
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        assertThat(row.getInt(1)).isZero();
      }
    }
  }

  @Test
  void anExportReadsBackIntoAnotherTenantWholeOrNotAtAll(@TempDir Path directory) {
    store.tenants().ensure("source");
    DocumentStore source = store.forTenant("source");
    source.repository(InvoiceRepository.class).save(new Invoice("inv-1", "ann", 10));
    source.repository(InvoiceRepository.class).save(new Invoice("inv-2", "bob", 20));
    source.events().append("order-1", ExpectedVersion.noStream(), new Purchased("ann", BigDecimal.ONE),
        new Purchased("ann", BigDecimal.TEN));
    // An archived stream, its events after every live one: they travel in the archive table.
    source.events().append("old-1", ExpectedVersion.noStream(), new Purchased("bob", BigDecimal.ONE));
    source.events().archiveStream("old-1");

    Path written = store.tenants().export("source", directory.resolve("source"));
    assertThat(Files.exists(written.resolve("rillflow-tenant.txt"))).isTrue();

    store.tenants().importFrom("copy", written);
    DocumentStore copy = store.forTenant("copy");
    assertThat(copy.repository(InvoiceRepository.class).findByCustomer("bob")).containsExactly(new Invoice("inv-2",
        "bob", 20));
    assertThat(copy.events().readStream("order-1")).hasSize(2);
    // The stream goes on where it was, and new events get positions after the imported ones.
    long next = copy.events().append("order-1", ExpectedVersion.exactly(2), new Purchased("ann", BigDecimal.ONE))
        .version();
    assertThat(next).isEqualTo(3);
    assertThat(copy.events().readStream("order-1").get(2).position())
        .isGreaterThan(copy.events().readStream("order-1").get(1).position());
    assertThat(copy.events().readStream("old-1")).isEmpty();
    assertThat(copy.events().withArchived().readStream("old-1")).hasSize(1);
    // Its position was not given to the new event: it comes back beside it.
    assertThat(copy.events().unarchiveStream("old-1")).isTrue();
    assertThat(copy.events().readStream("old-1").get(0).position())
        .isLessThan(copy.events().readStream("order-1").get(2).position());

    // Again into the same tenant: the documents exist, so nothing of it lands.
    assertThatThrownBy(() -> store.tenants().importFrom("copy", written)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("\"copy\"");
    assertThat(copy.events().readStream("order-1")).hasSize(3);
    try (DocumentSession session = copy.openSession()) {
      assertThat(session.query(Invoice.class).count()).isEqualTo(2);
    }
  }
}
