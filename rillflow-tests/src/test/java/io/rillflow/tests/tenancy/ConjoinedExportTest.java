package io.rillflow.tests.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentStore;
import io.rillflow.SchemaException;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendConditionException;
import io.rillflow.events.EventQuery;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tests.dcb.CourseDefined;
import io.rillflow.tests.events.RawSql;
import io.rillflow.tests.readmodels.Purchased;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tenants().export} and {@code importFrom} of conjoined tenants: a round trip through files brings
 * back every row of the tenant (documents, streams, events, subscriptions) and touches no other tenant's;
 * an import whose positions another tenant holds is refused whole; the files are those of a schema per
 * tenant, so a tenant moves from conjoined to a schema of its own and back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedExportTest {
  private TestSchema schema;
  private DocumentStore store;

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    store = schema.storeBuilder().tenancy(Tenancy.conjoined()).build();
  }

  @AfterAll
  void stop() {
    schema.closeAndDrop(store);
  }

  /** Documents, three events in two streams (ids shared with other tenants on purpose), a subscription with a group. */
  private static void fill(DocumentStore tenant, String customer) {
    InvoiceRepository invoices = tenant.repository(InvoiceRepository.class);
    invoices.save(new Invoice("inv-1", customer, 10));
    invoices.save(new Invoice("inv-2", customer, 20));
    tenant.events().append("order-1", ExpectedVersion.noStream(), new Purchased(customer, BigDecimal.ONE),
        new Purchased(customer, BigDecimal.TEN));
    tenant.events().append("order-2", ExpectedVersion.noStream(), new Purchased(customer, BigDecimal.valueOf(2)));
    tenant.subscriptions().create("mail", SubscriptionFilter.allEvents(), 4);
    List<Delivery> seen = new ArrayList<>();
    try (PullSubscription pull = tenant.subscriptions().pull("mail", SubscriptionOptions.defaults())) {
      for (int polls = 0; polls < 40 && seen.size() < 3; polls++) {
        List<Delivery> batch = pull.poll(10, Duration.ofMillis(250));
        batch.forEach(pull::ack);
        seen.addAll(batch);
      }
    }
    assertThat(seen).hasSize(3);
  }

  @Test
  void exportDropAndImportBringBackEveryRowOfTheTenantAndTouchNoOtherTenants(@TempDir Path directory) {
    store.tenants().ensure("alpha");
    store.tenants().ensure("beta");
    fill(store.forTenant("alpha"), "ann");
    fill(store.forTenant("beta"), "bob");
    Map<String, List<String>> alphaBefore = rows(schema.name(), "alpha");
    Map<String, List<String>> betaBefore = rows(schema.name(), "beta");
    assertThat(alphaBefore.get("rf_events")).hasSize(3);
    assertThat(alphaBefore.get("rf_streams")).hasSize(2);
    assertThat(alphaBefore.get("doc_invoice")).hasSize(2);
    assertThat(alphaBefore.get("rf_subscriptions")).hasSize(1);
    assertThat(alphaBefore.get("rf_subscription_partitions")).hasSize(4);

    Path written = store.tenants().export("alpha", directory.resolve("alpha"));
    store.tenants().drop("alpha", "alpha");
    assertThat(rows(schema.name(), "alpha").values()).as("alpha's rows after the drop").allMatch(List::isEmpty);
    assertThat(rows(schema.name(), "beta")).as("beta's rows after alpha's drop").isEqualTo(betaBefore);

    store.tenants().importFrom("alpha", written);
    assertThat(rows(schema.name(), "alpha")).as("every row of alpha, back (events take a new ticket)")
        .isEqualTo(alphaBefore);
    assertThat(rows(schema.name(), "beta")).as("beta's rows after alpha's import").isEqualTo(betaBefore);

    DocumentStore alpha = store.forTenant("alpha");
    assertThat(alpha.repository(InvoiceRepository.class).findByCustomer("ann")).hasSize(2);
    assertThat(alpha.subscriptions().find("mail")).isPresent();
    long last = alpha.events().readStream("order-2").get(0).position();
    long next = alpha.events().append("order-1", ExpectedVersion.exactly(2), new Purchased("ann", BigDecimal.ONE))
        .version();
    assertThat(next).isEqualTo(3);
    assertThat(alpha.events().readStream("order-1").get(2).position()).as("a new position after every imported one")
        .isGreaterThan(last);
  }

  @Test
  void importedTaggedEventsAreFoundByTheirTagsAndDecideConditionalAppends(@TempDir Path directory) {
    store.tenants().ensure("tagged");
    EventQuery course = EventQuery.anyOf(EventQuery.item().tag("course", "c-9"));
    store.forTenant("tagged").events().append(AppendCondition.failIfEventsMatch(course), new CourseDefined("c-9", 4));
    String table = "\"" + schema.name() + "\".";
    // A dead letter of the event, as a failing projection leaves it: it names the event by (tx_id, seq_id).
    RawSql.execute(store, "INSERT INTO " + table + "rf_dead_letters (tenant_id, projection, seq_id, tx_id, stream_id,"
        + " version, type, attempts, error) SELECT tenant_id, 'p', seq_id, tx_id::text::bigint, stream_id, version, type,"
        + " 1, 'boom' FROM " + table + "rf_events WHERE tenant_id = 'tagged'");
    Path written = store.tenants().export("tagged", directory.resolve("tagged"));
    store.tenants().drop("tagged", "tagged");

    store.tenants().importFrom("tagged", written);
    DocumentStore tagged = store.forTenant("tagged");
    // The tag rows take their events' new ticket: found below the safe point, and by (tx_id, seq_id).
    assertThat(tagged.events().query(course).events()).extracting(e -> (Object) e.data())
        .containsExactly(new CourseDefined("c-9", 4));
    assertThatThrownBy(() -> tagged.events().append(AppendCondition.failIfEventsMatch(course),
        new CourseDefined("c-9", 5))).isInstanceOf(AppendConditionException.class);
    assertThat(RawSql.count(store, "SELECT count(*) FROM " + table + "rf_dead_letters d JOIN " + table + "rf_events e"
        + " ON e.seq_id = d.seq_id AND d.tx_id = e.tx_id::text::bigint WHERE d.tenant_id = 'tagged'"))
        .as("the dead letter names its event's new place").isEqualTo(1);
  }

  @Test
  void anImportWhosePositionsAnotherTenantHoldsIsRefusedAndLandsNothing(@TempDir Path directory) {
    store.tenants().ensure("gamma");
    fill(store.forTenant("gamma"), "cid");
    Path written = store.tenants().export("gamma", directory.resolve("gamma"));
    Map<String, List<String>> gamma = rows(schema.name(), "gamma");

    assertThatThrownBy(() -> store.tenants().importFrom("delta", written)).isInstanceOf(SchemaException.class)
        .hasMessageContaining("\"delta\"").hasMessageContaining("position");
    assertThat(rows(schema.name(), "delta").values()).as("nothing of delta's import landed").allMatch(List::isEmpty);
    assertThat(rows(schema.name(), "gamma")).isEqualTo(gamma);
  }

  @Test
  void aTenantMovesFromConjoinedToASchemaOfItsOwnAndBack(@TempDir Path directory) {
    store.tenants().ensure("mover");
    fill(store.forTenant("mover"), "dan");
    Map<String, List<String>> mover = rows(schema.name(), "mover");
    Path conjoined = store.tenants().export("mover", directory.resolve("conjoined"));

    TestSchema perSchema = TestSchema.create(TestDatabase.shared(), getClass());
    TestSchema fresh = TestSchema.create(TestDatabase.shared(), getClass());
    try (DocumentStore schemas = perSchema.storeBuilder().tenancy(Tenancy.schemaPerTenant()).build()) {
      schemas.tenants().importFrom("mover", conjoined);
      DocumentStore own = schemas.forTenant("mover");
      assertThat(own.repository(InvoiceRepository.class).findByCustomer("dan")).extracting(Invoice::id)
          .containsExactlyInAnyOrder("inv-1", "inv-2");
      assertThat(own.events().readStream("order-1").stream().map(e -> (Object) e.data()).toList())
          .containsExactly(new Purchased("dan", BigDecimal.ONE), new Purchased("dan", BigDecimal.TEN));
      assertThat(own.subscriptions().find("mail")).isPresent();
      Path ownExport = schemas.tenants().export("mover", directory.resolve("own"));

      try (DocumentStore back = fresh.storeBuilder().tenancy(Tenancy.conjoined()).build()) {
        back.tenants().importFrom("mover", ownExport);
        assertThat(rows(fresh.name(), "mover")).as("the tenant's rows, back in a conjoined store")
            .isEqualTo(mover);
      }
      schemas.tenants().drop("mover", "mover");
    } finally {
      perSchema.drop();
      fresh.drop();
    }
  }

  /**
   * Every row of the tenant in each table of the schema that carries tenants (but the projections', which
   * are not exported), as JSON without what an import gives anew: the events' ticket, and the ids of dead
   * letters and parked events.
   */
  private static Map<String, List<String>> rows(String schemaName, String tenantId) {
    Map<String, List<String>> rows = new TreeMap<>();
    try (Connection connection = TestDatabase.shared().connect()) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement statement = connection.prepareStatement("SELECT table_name FROM"
          + " information_schema.columns WHERE table_schema = ? AND column_name = 'tenant_id'"
          + " AND table_name NOT IN ('rf_projections', 'rf_tenants')")) {
        statement.setString(1, schemaName);
        try (ResultSet result = statement.executeQuery()) {
          while (result.next()) {
            tables.add(result.getString(1));
          }
        }
      }
      for (String table : tables) {
        List<String> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT (to_jsonb(t) - 'tx_id'"
            + (table.equals("rf_dead_letters") || table.equals("rf_subscription_parked") ? " - 'id'" : "")
            + ")::text FROM \"" + schemaName + "\"." + table + " t WHERE tenant_id = ? ORDER BY 1")) {
          statement.setString(1, tenantId);
          try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
              found.add(result.getString(1));
            }
          }
        }
        rows.put(table, found);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }
}
