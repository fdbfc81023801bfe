package io.rillflow.tests.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentStore;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventQuery;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.StreamArchivedException;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import io.rillflow.tests.dcb.CourseDefined;
import io.rillflow.tests.events.OrderShipped;
import io.rillflow.tests.events.SafePoint;
import io.rillflow.tests.schema.OldSchema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V80 on a populated schema: built by the migrations up to V70 and filled the way that release wrote
 * (streams live and archived by the old flag, events with every column set, DCB tags, snapshots,
 * store-wide idempotency keys), then upgraded by a store starting on it. Every row is kept, byte for
 * byte; archived streams' events are in the archive table, the rest where they were.
 */
class ArchiveUpgradeTest {
  /** Every column an event row had and still has (not the dropped flag), as one text. */
  private static final String EVENT_ROW = "concat_ws('|', seq_id, stream_id, version, type, schema_version, data,"
      + " headers, causation_id, correlation_id, idempotency_key, tx_id, created_at)";

  /**
   * A table's rows with every column but those later migrations add (V90's tenant_id, '' on every row of a
   * store without conjoined tenants), which the upgrade has to keep as they were.
   */
  private static final String EVERY_COLUMN = "SELECT '%s' || (to_jsonb(t) - 'tenant_id')::text FROM %s t ORDER BY 1";

  private TestSchema schema;
  private OldSchema old;

  @BeforeEach
  void schemaAtVersion70() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    old = OldSchema.at(schema, "70");
  }

  @AfterEach
  void drop() {
    schema.drop();
  }

  @Test
  void upgradingAPopulatedSchemaKeepsEveryRowAndMovesArchivedStreamsOut() throws SQLException {
    old.execute("""
        INSERT INTO rf_streams (stream_id, stream_type, version, archived) VALUES
          ('live-1', 'order', 3, false), ('live-2', NULL, 2, false), ('old-1', 'order', 4, true),
          ('old-2', 'course', 1, true);
        INSERT INTO rf_events (stream_id, version, type, schema_version, data, headers, causation_id, correlation_id,
                               idempotency_key, archived)
        SELECT s.stream_id, v, CASE WHEN s.stream_id = 'old-2' THEN 'CourseDefined' ELSE 'OrderShipped' END, 1,
               CASE WHEN s.stream_id = 'old-2' THEN '{"courseId": "c", "capacity": 3}'::jsonb
                    ELSE jsonb_build_object('orderId', s.stream_id, 'carrier', 'v' || v) END,
               '{"user": "ada"}', 'cause-' || v, 'corr', CASE WHEN v = 1 THEN 'key-' || s.stream_id END, s.archived
        FROM rf_streams s, generate_series(1, s.version) v ORDER BY s.stream_id, v;
        INSERT INTO rf_event_tags (seq_id, tag, type, tx_id)
        SELECT seq_id, 'course:c', type, tx_id FROM rf_events WHERE type = 'CourseDefined'
        UNION ALL SELECT seq_id, 'order:' || stream_id, type, tx_id FROM rf_events WHERE version = 1
          AND type = 'OrderShipped';
        INSERT INTO rf_snapshots (stream_id, version, type, schema_version, data) VALUES
          ('live-1', 2, 'Order', 1, '{"n": 2}'), ('old-1', 3, 'Order', 1, '{"n": 3}');
        INSERT INTO rf_idempotency_keys (idempotency_key, stream_id, version, seq_id)
        SELECT idempotency_key, stream_id, version, seq_id FROM rf_events WHERE idempotency_key IS NOT NULL;
        """);
    List<String> events = old.column("SELECT " + EVENT_ROW + " FROM rf_events ORDER BY seq_id");
    List<String> archived = old.column("SELECT " + EVENT_ROW + " FROM rf_events WHERE archived ORDER BY seq_id");
    List<String> kept = new ArrayList<>();
    for (String table : List.of("rf_streams", "rf_event_tags", "rf_snapshots", "rf_idempotency_keys")) {
      kept.addAll(old.column(EVERY_COLUMN.formatted(table, table)));
    }
    assertThat(events).hasSize(10);
    assertThat(archived).hasSize(5);

    try (DocumentStore store = schema.storeBuilder().build()) {
      // Migrated through V80 (and whatever came after it).
      assertThat(old.column("SELECT (max(CAST(version AS integer)) >= 80)::text FROM rillflow_schema_history"
          + " WHERE version IS NOT NULL")).containsExactly("true");
      List<String> after = new ArrayList<>();
      for (String table : List.of("rf_streams", "rf_event_tags", "rf_snapshots", "rf_idempotency_keys")) {
        after.addAll(old.column(EVERY_COLUMN.formatted(table, table)));
      }
      assertThat(after).isEqualTo(kept);
      assertThat(old.column("SELECT " + EVENT_ROW + " FROM rf_events_archived ORDER BY seq_id")).isEqualTo(archived);
      List<String> live = new ArrayList<>(events);
      live.removeAll(archived);
      assertThat(old.column("SELECT " + EVENT_ROW + " FROM rf_events ORDER BY seq_id")).isEqualTo(live);
      // The old flag stays, false everywhere: a version from before V80 may still run during a rolling deploy.
      assertThat(old.column("SELECT count(*)::text FROM information_schema.columns WHERE table_schema = current_schema()"
          + " AND column_name = 'archived' AND table_name LIKE 'rf_events%'")).containsExactly("2");
      assertThat(old.column("SELECT count(*)::text FROM rf_events WHERE archived")).containsExactly("0");
      // What such a version's stream read sends still runs and finds the live stream.
      assertThat(old.column("SELECT count(*)::text FROM rf_events WHERE stream_id = 'live-1' AND version BETWEEN 1 AND 100"
          + " AND NOT archived")).containsExactly("3");

      // Through the API: as before for live streams; archived ones with the archive, tags included.
      assertThat(store.events().readStream("live-1")).hasSize(3);
      assertThat(store.events().readStream("old-1")).isEmpty();
      assertThat(store.events().withArchived().readStream("old-1")).extracting(e -> (Object) e.data())
          .containsExactly(new OrderShipped("old-1", "v1"), new OrderShipped("old-1", "v2"),
              new OrderShipped("old-1", "v3"), new OrderShipped("old-1", "v4"));
      assertThat(store.events().withArchived().query(EventQuery.anyOf(EventQuery.item().tag("course", "c")))
          .events()).extracting(e -> (Object) e.data()).containsExactly(new CourseDefined("c", 3));
      assertThatThrownBy(() -> store.events().append("old-1", ExpectedVersion.any(), new OrderShipped("x", "y")))
          .isInstanceOf(StreamArchivedException.class);
      SafePoint.await(store);
      assertThat(store.events().readAll(Checkpoint.START, 100)).hasSize(5);
      assertThat(store.events().withArchived().readAll(Checkpoint.START, 100)).hasSize(10);

      // Brought back, and new events go after every old position.
      assertThat(store.events().unarchiveStream("old-1")).isTrue();
      assertThat(store.events().readStream("old-1")).hasSize(4);
      assertThat(store.events().append("old-1", ExpectedVersion.exactly(4), new OrderShipped("old-1", "v5"))
          .lastPosition()).isEqualTo(11);
    }
  }
}
