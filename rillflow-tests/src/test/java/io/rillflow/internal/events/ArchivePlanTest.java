package io.rillflow.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.documents.TablesAccess;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plans of the very statements the runtime sends, over a schema where most events are archived:
 * reads of live streams touch {@code rf_events} only (no scan, no filter that passes over archived
 * rows), and reads with the archive walk both tables' indexes, merging them for the global order.
 */
class ArchivePlanTest extends RillflowTestBase {
  private EventSql sql;

  @BeforeEach
  void fill() {
    String events = "\"" + store().schemaName() + "\".rf_events";
    TablesAccess.execute(store(), "INSERT INTO \"" + store().schemaName() + "\".rf_streams (stream_id, version)"
        + " SELECT 's' || s, 200 FROM generate_series(0, 199) s");
    TablesAccess.execute(store(), "INSERT INTO " + events + " (stream_id, version, type, schema_version, data)"
        + " SELECT 's' || s, g, 'Tick', 1, '{}' FROM generate_series(0, 199) s, generate_series(1, 200) g");
    // Nine in ten streams archived; what autovacuum does after a move, done now.
    for (int stream = 0; stream < 180; stream++) {
      store().events().archiveStream("s" + stream);
    }
    TablesAccess.execute(store(), "VACUUM ANALYZE " + events);
    TablesAccess.execute(store(), "VACUUM ANALYZE \"" + store().schemaName() + "\".rf_events_archived");
    sql = new EventSql(store().schemaName());
  }

  @Test
  void aStreamReadOfALiveStreamTouchesNoArchivedRow() throws SQLException {
    for (String mode : new String[] {"force_generic_plan", "force_custom_plan"}) {
      assertThat(plan(sql.reads.readStream, mode, "'s199', 1, 200"))
          .contains("Index Scan using rf_events_stream_version on rf_events")
          .doesNotContain("rf_events_archived", "Seq Scan", "Filter");
    }
    // Run, not only planned: the rows the scan returned are the stream's, and no other was read.
    assertThat(analyzed(sql.reads.readStream, "'s199', 1, 200"))
        .contains("rows=200 loops=1").doesNotContain("rf_events_archived", "Rows Removed");
  }

  @Test
  void theGlobalReadOfLiveStreamsWalksOnlyTheLiveIndex() throws SQLException {
    assertThat(plan(sql.reads.readAll, "force_generic_plan", "0, 0, " + SAFE_POINT + ", 500"))
        .contains("Index Scan using rf_events_global").doesNotContain("rf_events_archived", "Sort", "Seq Scan");
  }

  @Test
  void readsWithTheArchiveWalkBothTablesIndexes() throws SQLException {
    assertThat(plan(sql.readsWithArchived.readStream, "force_generic_plan", "'s1', 1, 200"))
        .contains("rf_events_stream_version", "rf_events_archived_stream_version").doesNotContain("Seq Scan");
    assertThat(plan(sql.readsWithArchived.readAll, "force_generic_plan", "0, 0, " + SAFE_POINT + ", 500"))
        .contains("Merge Append", "rf_events_global", "rf_events_archived_global").doesNotContain("Seq Scan");
  }

  private static final String SAFE_POINT = "pg_snapshot_xmax(pg_current_snapshot())::text::bigint";

  private String plan(String statementSql, String planCacheMode, String arguments) throws SQLException {
    return explain(statementSql, planCacheMode, "EXPLAIN", arguments);
  }

  private String analyzed(String statementSql, String arguments) throws SQLException {
    return explain(statementSql, "auto", "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)", arguments);
  }

  private String explain(String statementSql, String planCacheMode, String explain, String arguments)
      throws SQLException {
    return PreparedPlans.explain(store(), statementSql, planCacheMode, explain, arguments);
  }
}
