package io.rillflow.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventQuery;
import io.rillflow.events.EventStorage;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.documents.TablesAccess;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plans over a schema of {@code EventStorage.compact()}, whose events have no index of {@code seq_id}
 * alone (their primary key is the global order's {@code (tx_id, seq_id)}): every statement that finds an
 * event by its place (tagged reads and checks, archive moves, a read at a position, the head) walks
 * {@code rf_events_global}, and none scans the table.
 */
class CompactPlanTest extends RillflowTestBase {
  private static final String SAFE_POINT = "pg_snapshot_xmax(pg_current_snapshot())::text::bigint";

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.eventStorage(EventStorage.compact());
  }

  /**
   * 1,000 streams of 200 events, 80 per tag: large enough that a stream's events or a tag's are a
   * small part of the table, as in a store in use. With 200 streams (40,000 events) the planner was
   * free to hash-join an archive move over a scan of the whole table (both cost about the same).
   */
  @BeforeEach
  void fill() {
    String schema = "\"" + store().schemaName() + "\".";
    TablesAccess.execute(store(), "INSERT INTO " + schema + "rf_streams (stream_id, version)"
        + " SELECT md5('s' || s)::uuid, 200 FROM generate_series(0, 999) s");
    TablesAccess.execute(store(), "INSERT INTO " + schema + "rf_events (stream_id, version, type, schema_version, data)"
        + " SELECT md5('s' || s)::uuid, g, 'CourseDefined', 1, '{}' FROM generate_series(0, 999) s,"
        + " generate_series(1, 200) g");
    TablesAccess.execute(store(), "INSERT INTO " + schema + "rf_event_tags (seq_id, tag, type, tx_id)"
        + " SELECT seq_id, 'course:' || (seq_id % 2500), type, tx_id FROM " + schema + "rf_events");
    for (String table : new String[] {"rf_events", "rf_event_tags", "rf_streams"}) {
      TablesAccess.execute(store(), "VACUUM ANALYZE " + schema + table);
    }
  }

  private String plan(String sql, String mode, String arguments) throws SQLException {
    return PreparedPlans.explain(store(), sql, mode, "EXPLAIN", arguments);
  }

  @Test
  void theEventsAreKeyedByTheGlobalOrderAlone() {
    assertThat(TablesAccess.query(store(), "SELECT indexname FROM pg_indexes WHERE schemaname = '"
        + store().schemaName() + "' AND tablename = 'rf_events' ORDER BY indexname"))
        .containsExactly("rf_events_causation", "rf_events_correlation", "rf_events_global", "rf_events_idempotency",
            "rf_events_stream_version");
    assertThat(TablesAccess.query(store(), "SELECT conname FROM pg_constraint WHERE contype = 'p'"
        + " AND conrelid = to_regclass('\"" + store().schemaName() + "\".rf_events')")).containsExactly("rf_events_global");
  }

  @Test
  void taggedReadsAndChecksFindTheirEventsByTheGlobalOrder() throws SQLException {
    TagSql sql = new TagSql(store().schemaName(), TenantFilter.NONE, StreamKeys.UUID_KEYS);
    TaggedQuery query = TaggedQuery.of(EventQuery.anyOf(EventQuery.item().tag("course", "7")),
        new EventCatalog.Builder().build());
    for (String mode : new String[] {"force_generic_plan", "force_custom_plan"}) {
      assertThat(plan(sql.read(query), mode, "ARRAY['course:7'], " + SAFE_POINT + ", 1"))
          .contains("rf_events_global").doesNotContain("Seq Scan on rf_events");
      assertThat(plan(sql.check(query), mode, "ARRAY['course:7'], 0, 0, 1"))
          .contains("rf_events_global").doesNotContain("Seq Scan on rf_events");
    }
  }

  @Test
  void anArchiveMoveReadAtAndHeadWalkTheGlobalOrder() throws SQLException {
    EventSql sql = new EventSql(store().schemaName(), false, TenantFilter.NONE, StreamKeys.UUID_KEYS);
    StreamArchive archive = new StreamArchive(store().dataSource(), store().schemaName(), 1000,
        new ArchiveMetrics(new SimpleMeterRegistry(), store().schemaName(), store().dataSource(), false), TenantFilter.NONE, StreamKeys.UUID_KEYS);
    String stream = "'" + TablesAccess.query(store(), "SELECT md5('s7')::uuid").get(0) + "'";
    String transaction = TablesAccess.query(store(), "SELECT tx_id::text FROM \"" + store().schemaName()
        + "\".rf_events LIMIT 1").get(0);
    for (String mode : new String[] {"force_generic_plan", "force_custom_plan"}) {
      assertThat(plan(archive.toArchive, mode, stream + ", 1000"))
          .contains("rf_events_stream_version", "rf_events_global").doesNotContain("Seq Scan on rf_events");
      assertThat(plan(sql.reads.readAt, mode, transaction + ", 77")).contains("rf_events_global")
          .doesNotContain("Seq Scan on rf_events");
      assertThat(plan(sql.reads.readStream, mode, stream + ", 1, 200")).contains("rf_events_stream_version")
          .doesNotContain("Seq Scan");
    }
    // Without the type index, a global read of one type walks the global order's index, filtering.
    assertThat(plan(sql.reads.readAll, "force_generic_plan", "0, 0, " + SAFE_POINT + ", 500"))
        .contains("Index Scan using rf_events_global").doesNotContain("Seq Scan", "Sort");
    assertThat(plan(sql.reads.readAllOfType, "force_generic_plan", "'CourseDefined', 0, 0, " + SAFE_POINT + ", 500"))
        .contains("Index Scan using rf_events_global").doesNotContain("Seq Scan", "Sort");
    assertThat(String.join("\n", TablesAccess.query(store(), "EXPLAIN " + sql.reads.head)))
        .contains("Backward using rf_events_global").doesNotContain("Seq Scan");
  }
}
