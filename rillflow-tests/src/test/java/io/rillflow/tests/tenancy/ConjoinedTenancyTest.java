package io.rillflow.tests.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.AutoCreate;
import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaException;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.tenancy.UnknownTenantException;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tests.readmodels.Purchased;
import java.math.BigDecimal;
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

/**
 * Conjoined tenancy beyond the isolation suite: racing provisioning and racing appends across and
 * within tenants, the schema's keys fixed to its mode, drop deleting one tenant's rows only, and what
 * this version refuses, saying so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedTenancyTest {
  private final String application = "rf-conjoined-" + UUID.randomUUID().toString().substring(0, 8);
  private TestSchema schema;
  private DocumentStore store;

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    store = build(schema);
  }

  private DocumentStore build(TestSchema on) {
    String url = TestDatabase.shared().jdbcUrl();
    return on.storeBuilder()
        .url(url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + application)
        .tenancy(Tenancy.conjoined())
        .build();
  }

  @AfterAll
  void stop() {
    schema.closeAndDrop(store);
  }

  @Test
  void racingEnsuresOfOneTenantOverTwoStoresRegisterItOnce() throws Exception {
    try (DocumentStore other = build(schema)) {
      List<DocumentStore> stores = List.of(store, other);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          DocumentStore on = stores.get(i % 2);
          done.add(pool.submit(() -> {
            go.await();
            on.tenants().ensure("racer");
            return on.forTenant("racer").repository(InvoiceRepository.class).count();
          }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.tenants().list()).containsOnlyOnce("racer");
    }
  }

  @Test
  void twoTenantsAppendingOneStreamIdAtOnceEachGetTheirOwnStream() throws Exception {
    store.tenants().ensure("north");
    store.tenants().ensure("south");
    DocumentStore north = store.forTenant("north");
    DocumentStore south = store.forTenant("south");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String stream = "shared-" + round;
        CountDownLatch go = new CountDownLatch(1);
        Future<?> a = pool.submit(() -> {
          go.await();
          return north.events().append(stream, ExpectedVersion.noStream(), new Purchased("n", BigDecimal.ONE));
        });
        Future<?> b = pool.submit(() -> {
          go.await();
          return south.events().append(stream, ExpectedVersion.noStream(), new Purchased("s", BigDecimal.TEN));
        });
        go.countDown();
        a.get(30, TimeUnit.SECONDS);
        b.get(30, TimeUnit.SECONDS);
        assertThat(north.events().readStream(stream)).extracting(e -> ((Purchased) e.data()).customerId())
            .containsExactly("n");
        assertThat(south.events().readStream(stream)).extracting(EventEnvelope::version).containsExactly(1L);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void racingAppendsOfOneTenantToOneStreamLetExactlyOneWin() throws Exception {
    store.tenants().ensure("solo");
    DocumentStore solo = store.forTenant("solo");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        String stream = "contested-" + round;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          tries.add(pool.submit(() -> {
            go.await();
            try {
              solo.events().append(stream, ExpectedVersion.noStream(), new Purchased("x", BigDecimal.ONE));
              return true;
            } catch (ConcurrencyException e) {
              return false;
            }
          }));
        }
        go.countDown();
        int wins = 0;
        for (Future<Boolean> attempt : tries) {
          wins += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(wins).as("round " + round).isEqualTo(1);
        assertThat(solo.events().readStream(stream)).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void dropDeletesOnlyThatTenantsRowsAndWantsItsIdTwice() {
    store.tenants().ensure("gone");
    store.tenants().ensure("kept");
    for (String tenant : List.of("gone", "kept")) {
      DocumentStore view = store.forTenant(tenant);
      view.repository(InvoiceRepository.class).save(new Invoice("same", tenant, 1));
      view.events().append("same", ExpectedVersion.noStream(), new Purchased(tenant, BigDecimal.ONE));
    }
    assertThatThrownBy(() -> store.tenants().drop("gone", "kept")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("confirm");

    store.tenants().drop("gone", "gone");

    assertThat(store.tenants().list()).doesNotContain("gone").contains("kept");
    assertThatThrownBy(() -> store.forTenant("gone")).isInstanceOf(UnknownTenantException.class);
    DocumentStore kept = store.forTenant("kept");
    assertThat(kept.querySession().load(Invoice.class, "same")).contains(new Invoice("same", "kept", 1));
    assertThat(kept.events().readStream("same")).hasSize(1);
    store.tenants().ensure("gone");
    DocumentStore again = store.forTenant("gone");
    assertThat(again.querySession().load(Invoice.class, "same")).as("a dropped tenant's documents").isEmpty();
    assertThat(again.events().readStream("same")).as("a dropped tenant's events").isEmpty();
  }

  @Test
  void aDerivedDeleteDeletesAndCountsItsTenantsDocumentsOnly() {
    store.tenants().ensure("east");
    store.tenants().ensure("west");
    store.forTenant("east").repository(InvoiceRepository.class).save(new Invoice("e1", "shared-customer", 1));
    store.forTenant("west").repository(InvoiceRepository.class).save(new Invoice("w1", "shared-customer", 2));
    store.forTenant("west").repository(InvoiceRepository.class).save(new Invoice("w2", "shared-customer", 3));

    assertThat(store.forTenant("west").repository(InvoiceRepository.class).deleteByCustomer("shared-customer"))
        .isEqualTo(2);
    assertThat(store.forTenant("east").repository(InvoiceRepository.class).findByCustomer("shared-customer"))
        .extracting(Invoice::id).containsExactly("e1");
  }

  @Test
  void aSchemaKeepsItsModeAndAStoreOfTheOtherModeRefusesIt() {
    TestSchema fresh = TestSchema.create(TestDatabase.shared(), getClass());
    try {
      assertThatThrownBy(() -> fresh.storeBuilder().tenancy(Tenancy.conjoined()).autoCreate(AutoCreate.NONE).build())
          .isInstanceOf(SchemaException.class);
      try (DocumentStore single = fresh.storeBuilder().build()) {
        single.schema().apply();
      }
      assertThatThrownBy(() -> build(fresh)).as("document tables without tenant_id").isInstanceOf(SchemaException.class)
          .hasMessageContaining("tenant_id").hasMessageContaining("doc_");
      TestSchema other = TestSchema.create(TestDatabase.shared(), getClass());
      try {
        // Rillflow's tables only (no documents): the conjoined store makes its tables and event keys.
        other.storeBuilder().discoverModules(false).build().close();
        try (DocumentStore conjoined = build(other)) {
          conjoined.tenants().ensure("late");
          conjoined.forTenant("late").events().append("s", ExpectedVersion.noStream(), new Purchased("x", BigDecimal.ONE));
        }
        assertThatThrownBy(() -> other.storeBuilder().build()).isInstanceOf(SchemaException.class)
            .hasMessageContaining("Tenancy.conjoined()");
      } finally {
        other.drop();
      }
    } finally {
      fresh.drop();
    }
  }

  @Test
  void aSchemaConjoinedBeforeV95GetsTenantLedSubscriptionKeysAtItsNextStart() throws Exception {
    TestSchema old = TestSchema.create(TestDatabase.shared(), getClass());
    try {
      build(old).close();
      // Back to V50's subscription keys, as a schema conjoined by a version before V95 has them.
      String s = "\"" + old.name() + "\".";
      String group = " FOREIGN KEY (subscription, grp) REFERENCES " + s + "rf_subscription_groups ON DELETE CASCADE";
      try (java.sql.Connection connection = TestDatabase.shared().connect();
          java.sql.Statement statement = connection.createStatement()) {
        for (String table : List.of("partitions", "members", "parked")) {
          statement.execute("ALTER TABLE " + s + "rf_subscription_" + table
              + " DROP CONSTRAINT rf_subscription_" + table + "_subscription_grp_fkey");
        }
        statement.execute("ALTER TABLE " + s + "rf_subscription_groups DROP CONSTRAINT"
            + " rf_subscription_groups_subscription_fkey, DROP CONSTRAINT rf_subscription_groups_pkey");
        statement.execute("ALTER TABLE " + s + "rf_subscriptions DROP CONSTRAINT rf_subscriptions_pkey,"
            + " ADD PRIMARY KEY (name)");
        statement.execute("ALTER TABLE " + s + "rf_subscription_groups ADD PRIMARY KEY (subscription, grp),"
            + " ADD FOREIGN KEY (subscription) REFERENCES " + s + "rf_subscriptions (name) ON DELETE CASCADE");
        statement.execute("ALTER TABLE " + s + "rf_subscription_partitions DROP CONSTRAINT"
            + " rf_subscription_partitions_pkey, ADD PRIMARY KEY (subscription, grp, partition), ADD" + group);
        statement.execute("ALTER TABLE " + s + "rf_subscription_members DROP CONSTRAINT"
            + " rf_subscription_members_pkey, ADD PRIMARY KEY (subscription, grp, member), ADD" + group);
        statement.execute("ALTER TABLE " + s + "rf_subscription_parked ADD" + group);
        statement.execute("DROP INDEX " + s + "rf_subscription_parked_tenant_group");
        statement.execute("CREATE INDEX rf_subscription_parked_group ON " + s
            + "rf_subscription_parked (subscription, grp, tx_id, seq_id)");
      }
      assertThatThrownBy(() -> old.storeBuilder().tenancy(Tenancy.conjoined()).autoCreate(AutoCreate.NONE).build())
          .as("AutoCreate.NONE changes no keys").isInstanceOf(SchemaException.class)
          .hasMessageContaining("rf_subscription").hasMessageContaining("CREATE_OR_UPDATE");
      try (DocumentStore restarted = build(old)) {
        restarted.tenants().ensure("east");
        restarted.tenants().ensure("west");
        assertThat(restarted.forTenant("east").subscriptions().create("same", SubscriptionFilter.allEvents()))
            .isTrue();
        assertThat(restarted.forTenant("west").subscriptions().create("same", SubscriptionFilter.allEvents()))
            .as("the same name in another tenant, once the keys lead with the tenant").isTrue();
        assertThat(restarted.forTenant("west").subscriptions().list()).hasSize(1);
      }
    } finally {
      old.drop();
    }
  }
}
