package io.rillflow.tests.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tests.dcb.CourseDefined;
import io.rillflow.tests.schema.OldSchema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V92..V94 on a populated conjoined schema: migrated to V91, keyed for conjoined tenants the way that
 * release did on a store's first start, and filled the way it wrote (two tenants with one stream id,
 * tagged events whose tag rows had no tenant), then upgraded by a conjoined store starting on it.
 * Every row is kept; tag rows take their event's tenant, and tags, archive moves and aliases then
 * work per tenant.
 */
class ConjoinedUpgradeTest {
  /** What the release before V92 ran on a conjoined store's first start (its ConjoinedKeys). */
  private static final String V91_CONJOINED_KEYS = """
      ALTER TABLE rf_streams DROP CONSTRAINT rf_streams_pkey,
        ADD CONSTRAINT rf_streams_pkey PRIMARY KEY (tenant_id, stream_id);
      ALTER TABLE rf_events DROP CONSTRAINT rf_events_stream_version,
        ADD CONSTRAINT rf_events_stream_version UNIQUE (tenant_id, stream_id, version);
      DROP INDEX rf_events_idempotency;
      CREATE UNIQUE INDEX rf_events_idempotency ON rf_events (tenant_id, stream_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL;
      ALTER TABLE rf_snapshots DROP CONSTRAINT rf_snapshots_pkey,
        ADD CONSTRAINT rf_snapshots_pkey PRIMARY KEY (tenant_id, stream_id);
      ALTER TABLE rf_projections DROP CONSTRAINT rf_projections_pkey,
        ADD CONSTRAINT rf_projections_pkey PRIMARY KEY (tenant_id, name);
      DROP INDEX rf_dead_letters_projection;
      CREATE INDEX rf_dead_letters_projection ON rf_dead_letters (tenant_id, projection, seq_id);
      CREATE INDEX rf_events_tenant_global ON rf_events (tenant_id, tx_id, seq_id);
      """;
  /** A table's rows, every column but tenant_id, as text. */
  private static final String EVERY_COLUMN = "SELECT '%s' || (to_jsonb(t) - 'tenant_id')::text FROM %s t ORDER BY 1";
  private static final List<String> TABLES = List.of("rf_streams", "rf_events", "rf_event_tags", "rf_snapshots");

  private TestSchema schema;
  private OldSchema old;

  @BeforeEach
  void conjoinedSchemaAtVersion91() throws SQLException {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    old = OldSchema.at(schema, "91");
    old.execute(V91_CONJOINED_KEYS);
  }

  @AfterEach
  void drop() {
    schema.drop();
  }

  @Test
  void upgradingAPopulatedConjoinedSchemaKeepsEveryRowAndGivesTagRowsTheirTenant() throws SQLException {
    old.execute("""
        INSERT INTO rf_streams (tenant_id, stream_id, stream_type, version) VALUES
          ('acme', 'course-1', 'course', 1), ('globex', 'course-1', 'course', 1), ('acme', 'plain', NULL, 2);
        INSERT INTO rf_events (tenant_id, stream_id, version, type, schema_version, data, headers)
        VALUES ('acme', 'course-1', 1, 'CourseDefined', 1, '{"courseId": "c", "capacity": 3}', '{}'),
               ('globex', 'course-1', 1, 'CourseDefined', 1, '{"courseId": "c", "capacity": 7}', '{}'),
               ('acme', 'plain', 1, 'CourseDefined', 1, '{"courseId": "p", "capacity": 1}', NULL),
               ('acme', 'plain', 2, 'CourseDefined', 1, '{"courseId": "p", "capacity": 2}', NULL);
        INSERT INTO rf_event_tags (seq_id, tag, type, tx_id)
        SELECT seq_id, 'course:' || (data ->> 'courseId'), type, tx_id FROM rf_events;
        INSERT INTO rf_snapshots (tenant_id, stream_id, version, type, schema_version, data)
        VALUES ('acme', 'plain', 2, 'Course', 1, '{"n": 2}');
        """);
    List<String> kept = rows();
    assertThat(old.column("SELECT count(*)::text FROM rf_event_tags")).containsExactly("4");

    try (DocumentStore store = schema.storeBuilder().tenancy(Tenancy.conjoined()).build()) {
      assertThat(rows()).isEqualTo(kept);
      assertThat(old.column("SELECT t.tenant_id || ':' || t.tag FROM rf_event_tags t ORDER BY t.seq_id"))
          .containsExactly("acme:course:c", "globex:course:c", "acme:course:p", "acme:course:p");
      assertThat(old.column("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
          + " AND indexname IN ('rf_event_tags_tag', 'rf_events_archived_stream_version', 'rf_stream_aliases_pkey',"
          + " 'rf_idempotency_keys_pkey') ORDER BY indexname"))
          .allSatisfy(definition -> assertThat(definition).contains("(tenant_id, "));

      store.tenants().ensure("acme");
      store.tenants().ensure("globex");
      DocumentStore acme = store.forTenant("acme");
      DocumentStore globex = store.forTenant("globex");
      EventQuery course = EventQuery.anyOf(EventQuery.item().tag("course", "c"));
      assertThat(acme.events().query(course).events()).extracting(e -> (Object) e.data())
          .containsExactly(new CourseDefined("c", 3));
      assertThat(globex.events().query(course).events()).extracting(e -> (Object) e.data())
          .containsExactly(new CourseDefined("c", 7));
      globex.events().append(AppendCondition.failIfEventsMatch(course).after(globex.events().query(course)
          .checkpoint()), new CourseDefined("c", 8));
      // The same stream id archived in both tenants: the archive's keys lead with the tenant now.
      assertThat(acme.events().archiveStream("course-1")).isTrue();
      assertThat(globex.events().archiveStream("course-1")).isTrue();
      assertThat(acme.events().withArchived().query(course).events()).hasSize(1);
      assertThat(globex.events().withArchived().readStream("course-1")).hasSize(1);
      assertThat(acme.events().aliases().resolve("same")).isNotEqualTo(globex.events().aliases().resolve("same"));
      assertThat(acme.events().append("plain", ExpectedVersion.exactly(2), new CourseDefined("p", 3)).version())
          .isEqualTo(3);
    }
  }

  private List<String> rows() throws SQLException {
    List<String> rows = new ArrayList<>();
    for (String table : TABLES) {
      rows.addAll(old.column(EVERY_COLUMN.formatted(table, table)));
    }
    rows.addAll(old.column("SELECT tenant_id || ':' || stream_id || ':' || version FROM rf_events ORDER BY seq_id"));
    return rows;
  }
}
