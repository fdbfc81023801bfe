package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaPlan;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaPlanTest extends RillflowTestBase {

  @Test
  void aStoreThatCreatedItsTablesHasNothingLeftToPlan() {
    assertThat(store().schema().plan().isEmpty()).isTrue();
  }

  @Test
  void withAutoCreateNoneThePlanListsEveryTableAndCanBeExportedThenApplied(@TempDir Path directory) throws IOException {
    TestSchema schema = TestSchema.create(TestDatabase.shared(), getClass());
    // A first store creates everything; the second, which may create nothing, sees what was dropped.
    schema.storeBuilder().build().close();
    try (DocumentStore store = schema.storeBuilder().autoCreate(AutoCreate.NONE).build()) {
      Tables.execute(store, "DROP TABLE \"" + schema.name() + "\".doc_customer");
      Tables.execute(store, "ALTER TABLE \"" + schema.name() + "\".doc_note DROP COLUMN deleted_at");

      SchemaPlan plan = store.schema().plan();
      String q = "\"" + schema.name() + "\".";
      assertThat(plan.statements()).hasSize(15);
      assertThat(plan.statements().get(0)).isEqualTo(
          "CREATE TABLE IF NOT EXISTS " + q + "\"doc_customer\" (\n"
              + "    \"id\" uuid NOT NULL PRIMARY KEY,\n"
              + "    \"data\" jsonb NOT NULL,\n"
              + "    \"version\" bigint NOT NULL DEFAULT 1,\n"
              + "    \"created_at\" timestamptz NOT NULL DEFAULT now(),\n"
              + "    \"updated_at\" timestamptz NOT NULL DEFAULT now(),\n"
              + "    \"email\" text GENERATED ALWAYS AS ((data #>> '{email}')) STORED,\n"
              + "    \"tier\" text GENERATED ALWAYS AS ((data #>> '{tier}')) STORED,\n"
              + "    \"since\" timestamptz GENERATED ALWAYS AS (" + q + "rf_timestamptz(data #>> '{since}')) STORED,\n"
              + "    \"balance_amount\" numeric GENERATED ALWAYS AS ((data #>> '{balance}')::numeric) STORED,\n"
              + "    \"address_city\" text GENERATED ALWAYS AS (lower(data #>> '{address,city}')) STORED\n"
              + ")");
      assertThat(plan.statements().subList(1, 6)).allSatisfy(s -> assertThat(s).startsWith("COMMENT ON COLUMN"));
      assertThat(plan.statements().get(5)).isEqualTo("COMMENT ON COLUMN " + q + "\"doc_customer\".\"address_city\" IS "
          + "'rillflow: text GENERATED ALWAYS AS (lower(data #>> ''{address,city}'')) STORED'");
      // A new table's indexes are built in its transaction (no one else sees it yet), each marked as Rillflow's.
      assertThat(plan.statements().subList(6, 15)).containsExactly(
          "CREATE UNIQUE INDEX IF NOT EXISTS \"doc_customer_email_uidx\" ON " + q + "\"doc_customer\" (\"email\")",
          "COMMENT ON INDEX " + q + "\"doc_customer_email_uidx\" IS 'rillflow: index of doc_customer'",
          "CREATE INDEX IF NOT EXISTS \"doc_customer_tier_idx\" ON " + q + "\"doc_customer\" (\"tier\")",
          "COMMENT ON INDEX " + q + "\"doc_customer_tier_idx\" IS 'rillflow: index of doc_customer'",
          "CREATE INDEX IF NOT EXISTS \"doc_customer_balance_amount_idx\" ON " + q + "\"doc_customer\" (\"balance_amount\")",
          "COMMENT ON INDEX " + q + "\"doc_customer_balance_amount_idx\" IS 'rillflow: index of doc_customer'",
          "CREATE INDEX IF NOT EXISTS \"doc_customer_address_city_idx\" ON " + q + "\"doc_customer\" (\"address_city\")",
          "COMMENT ON INDEX " + q + "\"doc_customer_address_city_idx\" IS 'rillflow: index of doc_customer'",
          "ALTER TABLE " + q + "\"doc_note\" ADD COLUMN IF NOT EXISTS \"deleted_at\" timestamptz");
      assertThat(plan.drift()).isEmpty();

      Path file = store.schema().exportMigration(directory);
      assertThat(file.getFileName().toString()).matches("V\\d{14}__rillflow_documents\\.sql");
      assertThat(Files.readString(file)).contains(plan.toSql());

      store.schema().apply();
      assertThat(store.schema().plan().isEmpty()).isTrue();
      assertThat(store.schema().exportMigration(directory.resolve("nothing.sql"))).isNull();
      try (DocumentSession session = store.lightweightSession()) {
        session.store(new Customer(UUID.randomUUID(), "x@example.com", Tier.BASIC, null, null, null, null));
        session.saveChanges();
      }
    } finally {
      schema.drop();
    }
  }
}
