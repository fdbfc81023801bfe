package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaDrift;
import io.rillflow.SchemaException;
import io.rillflow.SchemaPlan;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expand/contract of document tables: what plan() shows, what start-up warns, what cleanup() drops. */
class SchemaDriftTest {
  private TestSchema schema;
  private String table;

  @BeforeEach
  void createSchema() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    schema.storeBuilder().build().close();
    table = "\"" + schema.name() + "\".doc_customer";
  }

  @AfterEach
  void dropSchema() {
    schema.drop();
  }

  @Test
  void aChangedDuplicatedDefinitionGetsANewColumnBesideTheOldOneAndOnlyCleanupDropsTheOld() {
    try (DocumentStore older = schema.storeBuilder().build()) {
      // As a version whose @Duplicated(path = "address.city") had no lowercase = true left it.
      Tables.execute(older, "ALTER TABLE " + table + " DROP COLUMN address_city");
      Tables.execute(older, "ALTER TABLE " + table
          + " ADD COLUMN address_city text GENERATED ALWAYS AS ((data #>> '{address,city}')) STORED");
      Tables.execute(older, "COMMENT ON COLUMN " + table
          + ".address_city IS 'rillflow: text GENERATED ALWAYS AS ((data #>> ''{address,city}'')) STORED'");
      Tables.execute(older, "CREATE INDEX doc_customer_address_city_idx ON " + table + " (address_city)");
      Tables.execute(older, "INSERT INTO " + table + " (id, data) VALUES ('" + UUID.randomUUID()
          + "', '{\"email\": \"old@example.com\", \"address\": {\"city\": \"Springfield\"}}')");
    }

    String log = stderrOf(() -> schema.storeBuilder().build());
    try (DocumentStore store = schema.storeBuilder().build()) {
      List<String> cityColumns = Tables.query(store, "SELECT column_name FROM information_schema.columns"
          + " WHERE table_schema = '" + schema.name() + "' AND table_name = 'doc_customer'"
          + " AND column_name LIKE 'address_city%' ORDER BY column_name");
      assertThat(cityColumns).hasSize(2).first().isEqualTo("address_city");
      String newColumn = cityColumns.get(1);
      assertThat(newColumn).matches("address_city_[0-9a-f]{8}");
      assertThat(Tables.query(store, "SELECT " + newColumn + " FROM " + table)).containsExactly("springfield");
      assertThat(store.querySession().query(Customer.class).where(Customer_.address.city.eq("Springfield")).list())
          .extracting(Customer::email).containsExactly("old@example.com");

      SchemaPlan plan = store.schema().plan();
      assertThat(plan.statements()).isEmpty();
      // The older version's index, made before indexes were marked, is known by its name.
      assertThat(plan.drift()).extracting(SchemaDrift::cleanup).containsExactly(
          "ALTER TABLE " + table.replace(".doc_customer", ".\"doc_customer\"") + " DROP COLUMN IF EXISTS \"address_city\"",
          "DROP INDEX CONCURRENTLY IF EXISTS \"" + schema.name() + "\".\"doc_customer_address_city_idx\"");
      assertThat(log).contains("WARN").contains("column doc_customer.address_city (rillflow: text GENERATED ALWAYS"
          + " AS ((data #>> '{address,city}')) STORED) is not mapped by this version")
          .contains("store.schema().cleanup()");

      try (DocumentStore all = schema.storeBuilder().autoCreate(AutoCreate.ALL).build()) {
        assertThat(Tables.query(all, "SELECT address_city FROM " + table)).as("ALL drops nothing")
            .containsExactly("Springfield");
      }

      assertThat(store.schema().cleanup()).containsExactly(plan.drift().get(0).cleanup(), plan.drift().get(1).cleanup());
      assertThat(store.schema().plan().isEmpty()).isTrue();
      assertThat(store.querySession().query(Customer.class).where(Customer_.address.city.eq("Springfield")).count())
          .isEqualTo(1);
    }
    try (DocumentStore after = schema.storeBuilder().autoCreate(AutoCreate.NONE).build()) {
      assertThat(after.querySession().query(Customer.class).where(Customer_.address.city.eq("Springfield")).count())
          .as("a later start finds the column by its definition").isEqualTo(1);
      assertThat(after.schema().plan().isEmpty()).isTrue();
    }
  }

  @Test
  void autoCreateNoneRefusesToStartListingEveryMissingPiece() {
    try (DocumentStore store = schema.storeBuilder().build()) {
      Tables.execute(store, "ALTER TABLE " + table + " DROP COLUMN tier");
      Tables.execute(store, "DROP INDEX \"" + schema.name() + "\".doc_customer_email_uidx");
      Tables.execute(store, "DROP TABLE \"" + schema.name() + "\".doc_note");
    }
    assertThatThrownBy(() -> schema.storeBuilder().autoCreate(AutoCreate.NONE).build())
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("The document tables of schema \"" + schema.name() + "\" do not match the mappings")
        .hasMessageContaining("missing column doc_customer.tier (text GENERATED ALWAYS AS ((data #>> '{tier}')) STORED)")
        .hasMessageContaining("missing index doc_customer_email_uidx on doc_customer")
        .hasMessageContaining("missing table doc_note")
        .hasMessageContaining("exportMigration");
    try (DocumentStore repaired = schema.storeBuilder().build()) {
      assertThat(repaired.schema().plan().isEmpty()).isTrue();
    }
  }

  @Test
  void aDocumentTableWithRowsThatNoMappingNamesAndAnUnusedIndexAreDriftWithTheirFix() {
    try (DocumentStore store = schema.storeBuilder().build()) {
      // A class renamed from LegacyCustomer: its rows stay in a table no mapping names.
      Tables.execute(store, "CREATE TABLE \"" + schema.name() + "\".doc_legacy_customer (id uuid PRIMARY KEY, data jsonb)");
      Tables.execute(store, "INSERT INTO \"" + schema.name() + "\".doc_legacy_customer VALUES ('"
          + UUID.randomUUID() + "', '{}')");
      Tables.execute(store, "CREATE INDEX doc_customer_old_idx ON " + table + " ((data ->> 'old'))");
      Tables.execute(store, "COMMENT ON INDEX \"" + schema.name() + "\".doc_customer_old_idx IS"
          + " 'rillflow: index of doc_customer'");
      Tables.execute(store, "CREATE INDEX users_own_idx ON " + table + " ((data ->> 'mine'))");
      // Left by a version where tier was @Duplicated(unique = true), before Rillflow marked its indexes.
      Tables.execute(store, "CREATE UNIQUE INDEX doc_customer_tier_uidx ON " + table + " (tier)");
    }
    String log = stderrOf(() -> schema.storeBuilder().build());
    try (DocumentStore store = schema.storeBuilder().autoCreate(AutoCreate.NONE).build()) {
      List<SchemaDrift> drift = store.schema().plan().drift();
      assertThat(drift).extracting(SchemaDrift::description).containsExactlyInAnyOrder(
          "index doc_customer_old_idx on doc_customer is not used by this version",
          "index doc_customer_tier_uidx on doc_customer is not used by this version",
          "table doc_legacy_customer holds documents but no mapping names it (a renamed or removed @Document?)");
      assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("Schema drift"))).hasSize(3);
      assertThat(log).contains("@Document(table = \"doc_legacy_customer\")");

      assertThat(store.schema().cleanup()).containsExactlyInAnyOrder(
          "DROP INDEX CONCURRENTLY IF EXISTS \"" + schema.name() + "\".\"doc_customer_old_idx\"",
          "DROP INDEX CONCURRENTLY IF EXISTS \"" + schema.name() + "\".\"doc_customer_tier_uidx\"");
      assertThat(Tables.query(store, "SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema.name()
          + "' AND indexname IN ('doc_customer_old_idx', 'doc_customer_tier_uidx', 'users_own_idx')"))
          .containsExactly("users_own_idx");
      assertThat(Tables.query(store, "SELECT count(*) FROM \"" + schema.name() + "\".doc_legacy_customer"))
          .as("cleanup never drops a table").containsExactly("1");
    }
  }

  @Test
  void anInterruptedConcurrentIndexBuildIsBuiltAgain() {
    try (DocumentStore store = schema.storeBuilder().build()) {
      // What a failed CREATE INDEX CONCURRENTLY leaves: an index marked invalid, which IF NOT EXISTS would keep.
      Tables.execute(store, "UPDATE pg_index SET indisvalid = false WHERE indexrelid = '\"" + schema.name()
          + "\".doc_customer_tier_idx'::regclass");
      assertThat(store.schema().plan().statements()).containsExactly(
          "DROP INDEX CONCURRENTLY IF EXISTS \"" + schema.name() + "\".\"doc_customer_tier_idx\"",
          "CREATE INDEX CONCURRENTLY IF NOT EXISTS \"doc_customer_tier_idx\" ON " + table.replace(".doc_customer",
              ".\"doc_customer\"") + " (\"tier\")",
          "COMMENT ON INDEX \"" + schema.name() + "\".\"doc_customer_tier_idx\" IS 'rillflow: index of doc_customer'");
      store.schema().apply();
      assertThat(store.schema().plan().isEmpty()).isTrue();
      assertThat(Tables.query(store, "SELECT indisvalid FROM pg_index WHERE indexrelid = '\"" + schema.name()
          + "\".doc_customer_tier_idx'::regclass")).containsExactly("t");
    }
  }

  @Test
  void twoStoresStartingTogetherBothStartWhenOneBuildsAnIndexConcurrently() throws Exception {
    try (DocumentStore store = schema.storeBuilder().build()) {
      // The next start adds the column in a transaction, then builds its index concurrently.
      Tables.execute(store, "ALTER TABLE " + table + " DROP COLUMN tier");
      try (java.sql.Connection reader = store.dataSource().getConnection()) {
        // A reader's lock holds the first store's ALTER, in its transaction, while the second store arrives.
        reader.setAutoCommit(false);
        try (java.sql.Statement statement = reader.createStatement()) {
          statement.executeQuery("SELECT count(*) FROM " + table).close();
        }
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> schema.storeBuilder().build());
        awaitWaiting(store, "ALTER TABLE%");
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> schema.storeBuilder().build());
        // A second store blocked in pg_advisory_lock would hold a snapshot older than the first one's
        // index build, which then waits for it: a deadlock. Give it the time to get there.
        Thread.sleep(500);
        reader.commit();
        first.get(60, java.util.concurrent.TimeUnit.SECONDS).close();
        second.get(60, java.util.concurrent.TimeUnit.SECONDS).close();
      }
      assertThat(Tables.query(store, "SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema.name()
          + "' AND indexname = 'doc_customer_tier_idx'")).hasSize(1);
      assertThat(store.schema().plan().isEmpty()).isTrue();
    }
  }

  private void awaitWaiting(DocumentStore store, String query) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!Tables.query(store, "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
          + " AND query LIKE '" + query + "' AND wait_event_type = 'Lock'").isEmpty()) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("No statement like " + query + " came to wait on a lock within 30 s");
  }

  /** What the store's logger (slf4j-simple, which writes to the current System.err) printed while {@code start} ran. */
  private static String stderrOf(Supplier<DocumentStore> start) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      start.get().close();
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    original.print(log);
    return log;
  }
}
