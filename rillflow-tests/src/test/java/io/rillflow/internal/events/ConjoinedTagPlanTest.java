package io.rillflow.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventQuery;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.documents.TablesAccess;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plans of a conjoined tenant's DCB check and of its reads with the archive, over a schema where twenty
 * tenants share the tables: each walks an index that the tenant leads (ConjoinedKeys' second stage), so a
 * tenant's statement reads its own rows, not every tenant's rows with the tag.
 */
class ConjoinedTagPlanTest extends RillflowTestBase {
  private static final String SAFE_POINT = "pg_snapshot_xmax(pg_current_snapshot())::text::bigint";
  private static final TenantFilter TENANT = TenantFilter.of("t3");

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.tenancy(Tenancy.conjoined());
  }

  @BeforeEach
  void fill() {
    String schema = "\"" + store().schemaName() + "\".";
    TablesAccess.execute(store(), "INSERT INTO " + schema + "rf_events (tenant_id, stream_id, version, type,"
        + " schema_version, data) SELECT 't' || t, 's' || s, 1, 'CourseDefined', 1, '{}'"
        + " FROM generate_series(0, 19) t, generate_series(1, 1000) s");
    TablesAccess.execute(store(), "INSERT INTO " + schema + "rf_event_tags (tenant_id, seq_id, tag, type, tx_id)"
        + " SELECT tenant_id, seq_id, 'course:' || (seq_id % 50), type, tx_id FROM " + schema + "rf_events");
    TablesAccess.execute(store(), "INSERT INTO " + schema + "rf_events_archived SELECT * FROM " + schema
        + "rf_events WHERE stream_id LIKE 's1%'");
    TablesAccess.execute(store(), "DELETE FROM " + schema + "rf_events WHERE stream_id LIKE 's1%'");
    for (String table : new String[] {"rf_events", "rf_events_archived", "rf_event_tags"}) {
      TablesAccess.execute(store(), "VACUUM ANALYZE " + schema + table);
    }
  }

  @Test
  void aTenantsConditionCheckWalksTheTagIndexItsTenantLeads() throws SQLException {
    TagSql sql = new TagSql(store().schemaName(), TENANT, StreamKeys.TEXT);
    TaggedQuery query = TaggedQuery.of(EventQuery.anyOf(EventQuery.item().tag("course", "7")),
        new EventCatalog.Builder().build());
    for (String mode : new String[] {"force_generic_plan", "force_custom_plan"}) {
      assertThat(PreparedPlans.explain(store(), sql.check(query), mode, "EXPLAIN", "ARRAY['course:7'], 0, 0, 1"))
          .containsPattern("Index (Only )?Scan (using|on) rf_event_tags_tag")
          .containsPattern("Index Cond: \\(\\(tenant_id = 't3'::text\\) AND \\(tag = ANY")
          .doesNotContain("Seq Scan on rf_event_tags");
    }
  }

  @Test
  void aTenantsGlobalReadWithTheArchiveWalksBothTenantIndexes() throws SQLException {
    EventSql sql = new EventSql(store().schemaName(), false, TENANT, StreamKeys.TEXT);
    assertThat(PreparedPlans.explain(store(), sql.readsWithArchived.readAll, "force_generic_plan", "EXPLAIN",
        "0, 0, " + SAFE_POINT + ", 500"))
        .contains("rf_events_tenant_global", "rf_events_archived_tenant_global").doesNotContain("Seq Scan");
  }
}
