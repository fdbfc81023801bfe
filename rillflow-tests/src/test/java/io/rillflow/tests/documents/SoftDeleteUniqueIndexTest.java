package io.rillflow.tests.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaDrift;
import io.rillflow.SchemaException;
import io.rillflow.SchemaPlan;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A unique index on a soft-delete table made before unique indexes covered live rows only: plan()
 * shows the new partial index and the old one as drift, a start adds the new one, cleanup() drops the old.
 */
class SoftDeleteUniqueIndexTest {
  private TestSchema schema;
  private String table;

  @BeforeEach
  void createSchema() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    table = "\"" + schema.name() + "\".doc_edition";
    try (DocumentStore older = schema.storeBuilder().build()) {
      // As an earlier version left it: a unique index over every row, deleted ones included.
      Tables.execute(older, "DROP INDEX \"" + schema.name() + "\".doc_edition_isbn_live_uidx");
      Tables.execute(older, "CREATE UNIQUE INDEX doc_edition_isbn_uidx ON " + table + " (isbn)");
    }
  }

  @AfterEach
  void dropSchema() {
    schema.drop();
  }

  @Test
  void theFullIndexIsReplacedByThePartialOneThroughPlanStartAndCleanup() {
    assertThatThrownBy(() -> schema.storeBuilder().autoCreate(AutoCreate.NONE).build())
        .isInstanceOf(SchemaException.class).hasMessageContaining("missing index doc_edition_isbn_live_uidx");

    try (DocumentStore store = schema.storeBuilder().build()) {
      // What plan() says of the old state, on a running store.
      Tables.execute(store, "DROP INDEX \"" + schema.name() + "\".doc_edition_isbn_live_uidx");
      SchemaPlan plan = store.schema().plan();
      assertThat(plan.statements()).anySatisfy(sql -> assertThat(sql)
          .startsWith("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"doc_edition_isbn_live_uidx\"")
          .endsWith("(\"isbn\") WHERE deleted_at IS NULL"));
      assertThat(plan.drift()).extracting(SchemaDrift::description)
          .contains("index doc_edition_isbn_uidx on doc_edition is not used by this version");
    }

    try (DocumentStore store = schema.storeBuilder().autoCreate(AutoCreate.CREATE_OR_UPDATE).build()) {
      assertThat(Tables.query(store, "SELECT indexdef FROM pg_indexes WHERE schemaname = '" + schema.name()
          + "' AND indexname = 'doc_edition_isbn_live_uidx'")).singleElement().asString()
          .contains("UNIQUE").contains("WHERE (deleted_at IS NULL)");
      assertThat(store.schema().cleanup())
          .containsExactly("DROP INDEX CONCURRENTLY IF EXISTS \"" + schema.name() + "\".\"doc_edition_isbn_uidx\"");

      EditionRepository editions = store.repository(EditionRepository.class);
      Edition withdrawn = editions.insert(new Edition(UUID.randomUUID(), "978-1", "withdrawn"));
      editions.delete(withdrawn);
      Edition again = editions.insert(new Edition(UUID.randomUUID(), "978-1", "published again"));
      assertThat(editions.findByIsbn("978-1")).contains(again);
      assertThat(store.schema().plan().isEmpty()).isTrue();
    }
  }
}
