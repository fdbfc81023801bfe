package io.rillflow.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.documents.TablesAccess;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The plan PostgreSQL makes for the global read that projections and {@code readAll} run once per
 * batch: it must walk the {@code rf_events_global} index from the checkpoint and stop at the
 * batch's limit, also as the generic plan a server-prepared statement ends up with. When it did not
 * (the ORDER BY sorted by an output column of the same name) every batch sorted the whole table,
 * and catching up on a million events did not finish.
 *
 * <p>This test lives in the runtime's package to plan the very text the runtime sends.
 */
class GlobalReadPlanTest extends RillflowTestBase {

  @Test
  void theBatchReadWalksTheGlobalIndexInBothPlans() throws SQLException {
    String events = "\"" + store().schemaName() + "\".rf_events";
    for (int transaction = 0; transaction < 20; transaction++) {
      TablesAccess.execute(store(), "INSERT INTO " + events + " (stream_id, version, type, schema_version, data)"
          + " SELECT 's" + transaction + "', g, 'Tick', 1, '{}' FROM generate_series(1, 5000) g");
    }
    TablesAccess.execute(store(), "ANALYZE " + events);

    String readAll = new EventSql(store().schemaName()).reads.readAll;
    assertThat(plan(readAll, "force_generic_plan"))
        .contains("Index Scan using rf_events_global")
        .doesNotContain("Sort", "Seq Scan");
    assertThat(plan(readAll, "force_custom_plan"))
        .contains("Index Scan using rf_events_global")
        .doesNotContain("Sort", "Seq Scan");
  }

  private String plan(String sql, String planCacheMode) throws SQLException {
    return PreparedPlans.explain(store(), sql, planCacheMode, "EXPLAIN",
        "0, 50000, pg_snapshot_xmax(pg_current_snapshot())::text::bigint, 500");
  }
}
