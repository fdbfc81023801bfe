package io.rillflow.tests.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendConditionException;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.tenancy.TenantRequiredException;
import io.rillflow.tests.aggregates.Cart;
import io.rillflow.tests.aggregates.CartOpened;
import io.rillflow.tests.aggregates.ItemAdded;
import io.rillflow.tests.compaction.Meter;
import io.rillflow.tests.compaction.MeterRead;
import io.rillflow.tests.dcb.CourseDefined;
import io.rillflow.tests.dcb.StudentId;
import io.rillflow.tests.dcb.StudentSubscribed;
import io.rillflow.tests.events.RawSql;
import io.rillflow.tests.events.SafePoint;
import io.rillflow.tests.readmodels.CustomerSpend;
import io.rillflow.tests.readmodels.Purchased;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tenant A never sees tenant B, through every way the store reads and writes, in every tenancy mode:
 * each mode binds this suite in a subclass ({@link #tenancy()}). Ids are fresh per test, and the same
 * id is used in both tenants on purpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TenantIsolationSuite {
  private static final AtomicInteger IDS = new AtomicInteger();
  private TestSchema schema;
  private DocumentStore store;
  private DocumentStore alpha;
  private DocumentStore beta;

  /** The mode under test. */
  protected abstract Tenancy tenancy();

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    store = schema.storeBuilder().tenancy(tenancy())
        .projection(TenantRows.NAME, ProjectionLifecycle.ASYNC, new TenantRows()).build();
    store.tenants().ensure("alpha");
    store.tenants().ensure("beta");
    alpha = store.forTenant("alpha");
    beta = store.forTenant("beta");
  }

  @AfterAll
  void stop() {
    try {
      schema.dropWithTenants(store);
    } finally {
      dropElsewhere(schema.name());
    }
  }

  /** Whether alpha and beta live in one database, and so read one copy of the shared documents. */
  protected boolean alphaAndBetaShareADatabase() {
    return true;
  }

  /** The store of {@code tenantId}, for a mode's own cases. */
  protected DocumentStore forTenant(String tenantId) {
    return store.forTenant(tenantId);
  }

  /** Drops what the mode made of the store's schema outside the test database; nothing by default. */
  protected void dropElsewhere(String storeSchema) {}

  private static String id(String prefix) {
    return prefix + "-" + IDS.incrementAndGet() + "-" + UUID.randomUUID();
  }

  @Test
  void theSameDocumentIdInTwoTenantsIsTwoDocuments() {
    String id = id("inv");
    try (DocumentSession session = alpha.openSession()) {
      session.store(new Invoice(id, "ann", 10));
      session.saveChanges();
    }
    try (DocumentSession session = beta.openSession()) {
      assertThat(session.load(Invoice.class, id)).as("alpha's invoice, seen from beta").isEmpty();
      session.store(new Invoice(id, "bob", 20));
      session.saveChanges();
    }
    assertThat(alpha.querySession().load(Invoice.class, id)).contains(new Invoice(id, "ann", 10));
    assertThat(beta.querySession().load(Invoice.class, id)).contains(new Invoice(id, "bob", 20));

    alpha.repository(InvoiceRepository.class).deleteById(id);
    assertThat(alpha.querySession().load(Invoice.class, id)).isEmpty();
    assertThat(beta.querySession().load(Invoice.class, id)).as("beta's, after alpha deleted its own").isPresent();
  }

  @Test
  void queriesDynamicAndGeneratedSeeOnlyTheirTenant() {
    String customer = id("cust");
    alpha.repository(InvoiceRepository.class).save(new Invoice(id("inv"), customer, 1));
    alpha.repository(InvoiceRepository.class).save(new Invoice(id("inv"), customer, 2));
    beta.repository(InvoiceRepository.class).save(new Invoice(id("inv"), customer, 3));

    assertThat(alpha.repository(InvoiceRepository.class).findByCustomer(customer)).extracting(Invoice::amount)
        .containsExactlyInAnyOrder(1L, 2L);
    assertThat(beta.repository(InvoiceRepository.class).findByCustomer(customer)).extracting(Invoice::amount)
        .containsExactly(3L);
    assertThat(beta.querySession().query(Invoice.class).where(Invoice_.customer.eq(customer)).list())
        .extracting(Invoice::amount).containsExactly(3L);
    assertThat(alpha.querySession().query(Invoice.class).where(Invoice_.customer.eq(customer)).count()).isEqualTo(2);
  }

  @Test
  void aPatchChangesOnlyItsTenantsDocument() {
    String id = id("inv");
    alpha.repository(InvoiceRepository.class).save(new Invoice(id, "ann", 10));
    beta.repository(InvoiceRepository.class).save(new Invoice(id, "ann", 10));
    try (DocumentSession session = alpha.openSession()) {
      session.patch(Invoice.class, id).increment(Invoice_.amount, 5).set(Invoice_.customer, "patched");
      session.saveChanges();
    }
    assertThat(alpha.querySession().load(Invoice.class, id)).contains(new Invoice(id, "patched", 15));
    assertThat(beta.querySession().load(Invoice.class, id)).contains(new Invoice(id, "ann", 10));
  }

  @Test
  void aBulkInsertLandsInItsTenantOnly() {
    String customer = id("bulk");
    List<Invoice> invoices = List.of(new Invoice(id("inv"), customer, 1), new Invoice(id("inv"), customer, 2));
    assertThat(beta.bulkInsert(invoices)).isEqualTo(2);
    assertThat(beta.repository(InvoiceRepository.class).findByCustomer(customer)).hasSize(2);
    assertThat(alpha.repository(InvoiceRepository.class).findByCustomer(customer)).isEmpty();
    // The same ids again, in the other tenant: no conflict.
    assertThat(alpha.bulkInsert(invoices)).isEqualTo(2);
  }

  @Test
  void theSameStreamIdInTwoTenantsIsTwoStreamsAndGlobalReadsStayApart() {
    String stream = id("stream");
    alpha.events().append(stream, ExpectedVersion.noStream(), new Purchased("ann", BigDecimal.ONE));
    beta.events().append(stream, ExpectedVersion.noStream(), new Purchased("bob", BigDecimal.TEN),
        new Purchased("bob", new BigDecimal("2")));

    assertThat(alpha.events().readStream(stream)).extracting(e -> ((Purchased) e.data()).customerId())
        .containsExactly("ann");
    assertThat(beta.events().readStream(stream)).extracting(EventEnvelope::version).containsExactly(1L, 2L);

    SafePoint.await(alpha);
    SafePoint.await(beta);
    List<EventEnvelope<?>> alphaAll = alpha.events().readAll(Checkpoint.START, 100_000);
    assertThat(alphaAll).filteredOn(e -> e.streamId().equals(stream)).hasSize(1);
    assertThat(alphaAll).noneMatch(e -> e.data() instanceof Purchased p && p.customerId().equals("bob"));
  }

  @Test
  void eventTagsQueriesAndConditionsSeeOnlyTheirTenantsEvents() {
    String course = id("course");
    EventQuery query = EventQuery.anyOf(EventQuery.item().types(CourseDefined.class, StudentSubscribed.class)
        .tag("course", course));
    Checkpoint alphaRead = alpha.events().query(query).checkpoint();
    alpha.events().append(AppendCondition.failIfEventsMatch(query).after(alphaRead), new CourseDefined(course, 1));
    Checkpoint betaRead = beta.events().query(query).checkpoint();
    // The same tag in beta: alpha's event is not beta's conflict, whatever the checkpoints.
    beta.events().append(AppendCondition.failIfEventsMatch(query).after(betaRead), new CourseDefined(course, 2),
        new StudentSubscribed(course, new StudentId("bob")));

    SafePoint.await(alpha);
    SafePoint.await(beta);
    assertThat(alpha.events().query(query).events()).extracting(e -> (Object) e.data())
        .containsExactly(new CourseDefined(course, 1));
    assertThat(beta.events().query(query).events()).extracting(e -> (Object) e.data())
        .containsExactly(new CourseDefined(course, 2), new StudentSubscribed(course, new StudentId("bob")));
    // Within a tenant a condition still fails on that tenant's newer event.
    assertThatThrownBy(() -> alpha.events().append(AppendCondition.failIfEventsMatch(query).after(alphaRead),
        new StudentSubscribed(course, new StudentId("ann")))).isInstanceOf(AppendConditionException.class);
    try (DocumentSession session = alpha.openSession()) {
      session.events().append(AppendCondition.failIfEventsMatch(query).after(alpha.events().query(query).checkpoint()),
          new StudentSubscribed(course, new StudentId("ann")));
      session.saveChanges();
    }
    assertThat(alpha.events().query(query).events()).hasSize(2);
    assertThat(beta.events().query(query).events()).hasSize(2);
  }

  @Test
  void theSameAliasInTwoTenantsNamesTwoStreams() {
    String alias = id("order");
    UUID alphas = alpha.events().aliases().resolve(alias);
    assertThat(beta.events().aliases().find(alias)).as("alpha's alias, from beta").isEmpty();
    UUID betas = beta.events().aliases().resolve(alias);

    assertThat(betas).isNotEqualTo(alphas);
    assertThat(alpha.events().aliases().resolve(alias)).isEqualTo(alphas);
    assertThat(alpha.events().aliases().aliasOf(betas)).isEmpty();
    assertThat(beta.events().aliases().aliasOf(betas)).contains(alias);
  }

  @Test
  void aTenantArchivesOnlyItsOwnStreamAndReadsOnlyItsOwnArchive() {
    String stream = id("stream");
    alpha.events().append(stream, ExpectedVersion.noStream(), new Purchased("ann", BigDecimal.ONE));
    beta.events().append(stream, ExpectedVersion.noStream(), new Purchased("bob", BigDecimal.TEN),
        new Purchased("bob", BigDecimal.TEN));

    assertThat(alpha.events().archiveStream(stream)).isTrue();
    assertThat(alpha.events().readStream(stream)).isEmpty();
    assertThat(alpha.events().withArchived().readStream(stream)).extracting(e -> ((Purchased) e.data()).customerId())
        .containsExactly("ann");
    assertThat(beta.events().readStream(stream)).as("beta's stream of the same id stays hot").hasSize(2);
    assertThat(beta.events().streamState(stream).orElseThrow().archived()).isFalse();
    assertThat(beta.events().append(stream, ExpectedVersion.exactly(2), new Purchased("bob", BigDecimal.ONE))
        .version()).isEqualTo(3);

    // The same stream id archived in both: the archive keeps both apart.
    assertThat(beta.events().archiveStream(stream)).isTrue();
    assertThat(beta.events().withArchived().readStream(stream)).hasSize(3);
    assertThat(alpha.events().withArchived().readStream(stream)).hasSize(1);
    assertThat(alpha.events().unarchiveStream(stream)).isTrue();
    assertThat(alpha.events().readStream(stream)).hasSize(1);
    assertThat(beta.events().readStream(stream)).as("beta's stays archived").isEmpty();
    assertThat(beta.events().unarchiveStream(stream)).isTrue();
    assertThat(beta.events().readStream(stream)).hasSize(3);
  }

  @Test
  void anAggregateFoldsOnlyItsTenantsEvents() {
    String cart = id("cart");
    alpha.aggregates(Cart.class).append(cart, ExpectedVersion.noStream(), new CartOpened(cart), new ItemAdded("a", 2));
    beta.aggregates(Cart.class).append(cart, ExpectedVersion.noStream(), new CartOpened(cart), new ItemAdded("b", 5),
        new ItemAdded("b", 1));

    assertThat(alpha.aggregates(Cart.class).load(cart)).map(Cart::items).contains(2);
    assertThat(beta.aggregates(Cart.class).load(cart)).map(Cart::items).contains(6);
    // The inline document too.
    assertThat(alpha.querySession().load(Cart.class, cart)).map(Cart::items).contains(2);
  }

  @Test
  void asyncReadModelsAreBuiltPerTenantFromItsOwnEvents() {
    String customer = id("spender");
    alpha.events().append(id("order"), ExpectedVersion.noStream(), new Purchased(customer, new BigDecimal("10.00")));
    beta.events().append(id("order"), ExpectedVersion.noStream(), new Purchased(customer, new BigDecimal("7.00")));
    beta.events().append(id("order"), ExpectedVersion.noStream(), new Purchased(customer, new BigDecimal("1.00")));
    SafePoint.await(alpha);
    SafePoint.await(beta);
    alpha.projections().daemon().runUntilIdle();
    beta.projections().daemon().runUntilIdle();

    assertThat(alpha.querySession().load(CustomerSpend.class, customer)).map(CustomerSpend::spent)
        .contains(new BigDecimal("10.00"));
    assertThat(beta.querySession().load(CustomerSpend.class, customer)).map(CustomerSpend::purchases).contains(2);
    assertThat(alpha.projections().deadLetters("customer-spend")).isEmpty();
  }

  @Test
  void eachTenantsStoreAndProjectionContextNameItsTenant() {
    assertThat(alpha.tenantId()).contains("alpha");
    assertThat(beta.tenantId()).contains("beta");
    assertThat(store.tenantId()).as("the root serves no tenant itself").isEmpty();
    String order = id("order");
    alpha.events().append(order, ExpectedVersion.noStream(), new Purchased("c", new BigDecimal("3.00")));
    beta.events().append(order, ExpectedVersion.noStream(), new Purchased("c", new BigDecimal("4.00")));
    SafePoint.await(alpha);
    SafePoint.await(beta);
    alpha.projections().daemon().runUntilIdle();
    beta.projections().daemon().runUntilIdle();

    // A raw read model keyed by its context's tenant: one row per tenant for the one stream id, also
    // where both tenants' rows share a table.
    for (DocumentStore tenant : List.of(alpha, beta)) {
      assertThat(RawSql.column(tenant, "SELECT tenant || ' ' || amount FROM \"" + tenant.schemaName() + "\"."
          + TenantRows.TABLE + " WHERE stream = '" + order + "' ORDER BY tenant"))
          .as(tenant.tenantId().orElseThrow())
          .isSubsetOf("alpha 3.00", "beta 4.00").contains(tenant.tenantId().orElseThrow().equals("alpha")
              ? "alpha 3.00" : "beta 4.00");
    }
    assertThat(alpha.projections().deadLetters(TenantRows.NAME)).isEmpty();
  }

  @Test
  void sharedDocumentsAreOneCopyEveryTenantReads() {
    String id = id("cur");
    alpha.repository(CurrencyRepository.class).save(new Currency(id, "Euro"));
    assertThat(alpha.querySession().load(Currency.class, id)).contains(new Currency(id, "Euro"));
    if (alphaAndBetaShareADatabase()) {
      assertThat(beta.querySession().load(Currency.class, id)).contains(new Currency(id, "Euro"));
    } else {
      // One copy per database: beta's database has its own shared tables.
      assertThat(beta.querySession().load(Currency.class, id)).isEmpty();
    }
  }

  @Test
  void aSubscriptionDeliversOnlyItsTenantsEvents() {
    String name = "sub_" + IDS.incrementAndGet();
    String customer = id("subscriber");
    alpha.subscriptions().create(name, SubscriptionFilter.allEvents());
    alpha.events().append(id("order"), ExpectedVersion.noStream(), new Purchased(customer, BigDecimal.ONE));
    beta.events().append(id("order"), ExpectedVersion.noStream(), new Purchased(customer, BigDecimal.TEN));
    SafePoint.await(alpha);
    SafePoint.await(beta);

    assertThat(beta.subscriptions().find(name)).as("alpha's subscription, seen from beta").isEmpty();
    List<Delivery> seen = new ArrayList<>();
    try (PullSubscription pull = alpha.subscriptions().pull(name, SubscriptionOptions.defaults())) {
      for (int polls = 0; polls < 20 && seen.stream().noneMatch(d -> isPurchaseOf(d, customer)); polls++) {
        seen.addAll(pull.poll(1_000, Duration.ofMillis(500)));
      }
    }
    assertThat(seen).filteredOn(d -> isPurchaseOf(d, customer)).extracting(d -> ((Purchased) d.event().data()).amount())
        .containsExactly(BigDecimal.ONE);
  }

  private static boolean isPurchaseOf(Delivery delivery, String customer) {
    return delivery.event().data() instanceof Purchased p && p.customerId().equals(customer);
  }

  @Test
  void snapshotCompactionRunsPerTenant() {
    String meter = id("meter");
    // Compaction finds streams by their stream type, as SnapshotCompactionTest appends them.
    beta.events().append(meter, ExpectedVersion.noStream(), AppendOptions.builder().streamType("Meter").build(),
        new MeterRead(1), new MeterRead(2), new MeterRead(3), new MeterRead(4), new MeterRead(5));
    // Alpha holds no meter: its compaction finds nothing of beta's long stream.
    assertThat(alpha.snapshots().runUntilIdle(3, 100)).isZero();
    assertThat(beta.snapshots().runUntilIdle(3, 100)).isEqualTo(1);
    assertThat(beta.aggregates(Meter.class).load(meter)).contains(new Meter(15, 5));
    assertThat(alpha.aggregates(Meter.class).load(meter)).isEmpty();
  }

  @Test
  void workWithoutATenantIsRefused() {
    assertThatThrownBy(store::subscriptions).isInstanceOf(TenantRequiredException.class);
    assertThatThrownBy(store::snapshots).isInstanceOf(TenantRequiredException.class);
    assertThatThrownBy(store::openSession).isInstanceOf(TenantRequiredException.class)
        .hasMessageContaining("forTenant");
    assertThatThrownBy(store::querySession).isInstanceOf(TenantRequiredException.class);
    assertThatThrownBy(store::events).isInstanceOf(TenantRequiredException.class);
    assertThatThrownBy(() -> store.repository(InvoiceRepository.class)).isInstanceOf(TenantRequiredException.class);
    assertThatThrownBy(() -> store.bulkInsert(List.of(new Invoice("x", "y", 1))))
        .isInstanceOf(TenantRequiredException.class);
    assertThatThrownBy(() -> store.aggregates(Cart.class)).isInstanceOf(TenantRequiredException.class);
  }
}
