package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.Checkpoint;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.events.UnknownEventTypes;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.SafePoint;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store that skips unknown event types: whole batches of them must not look like the end of the
 * events, to the daemon or to a reader of {@code readAll}.
 */
class SkippedTypesTest extends RillflowTestBase {

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).unknownEventTypes(UnknownEventTypes.SKIP)
        .projection(Ledger.NAME, ProjectionLifecycle.ASYNC, new Ledger())
        .projectionOptions(ProjectionOptions.defaults().batchSize(2));
  }

  @BeforeEach
  void fill() {
    Ledger.createTables(store());
    store().events().append("a", ExpectedVersion.any(), new Tick("a", 1));
    Ledger.execute(store(), "INSERT INTO \"" + store().schemaName() + "\".rf_events (stream_id, version, type,"
        + " schema_version, data) SELECT 'gone', g, 'Retired', 1, '{}' FROM generate_series(1, 5) g");
    store().events().append("a", ExpectedVersion.any(), new Tick("a", 4));
    SafePoint.await(store());
  }

  @Test
  void theDaemonMovesPastBatchesOfSkippedRows() {
    ProjectionDaemon daemon = store().projections().daemon();

    assertThat(daemon.runUntilIdle()).isEqualTo(2);

    assertThat(Ledger.totals(store())).isEqualTo(Map.of("a", 5L));
    assertThat(daemon.status().get(0).checkpoint().position()).isEqualTo(7);
  }

  @Test
  void readAllReadsPastSkippedRowsUntilItHasItsLimit() {
    assertThat(store().events().readAll(Checkpoint.START, 2)).extracting(EventEnvelope::position).containsExactly(1L, 7L);
    Checkpoint afterFirst = store().events().readAll(Checkpoint.START, 1).get(0).checkpoint();
    assertThat(store().events().readAll(afterFirst, 1)).extracting(EventEnvelope::position).containsExactly(7L);
    assertThat(store().events().readAll(afterFirst, 3)).extracting(EventEnvelope::position).containsExactly(7L);
  }
}
