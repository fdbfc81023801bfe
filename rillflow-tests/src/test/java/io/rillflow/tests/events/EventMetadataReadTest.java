package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Audits without a projection: events by correlation id, by causation id and by type, each read through an index. */
class EventMetadataReadTest extends RillflowTestBase {
  private static AppendOptions ids(String correlation, String causation) {
    return AppendOptions.builder().correlationId(correlation).causationId(causation).build();
  }

  @Test
  void eventsOfOneCorrelationIdAcrossStreamsInWriteOrder() {
    store().events().append("o-1", ExpectedVersion.noStream(), ids("req-1", "cmd-1"),
        new OrderPlaced("o-1", BigDecimal.TEN, "EUR"));
    store().events().append("o-2", ExpectedVersion.noStream(), ids("req-2", "cmd-2"),
        new OrderPlaced("o-2", BigDecimal.ONE, "EUR"));
    store().events().append("o-1", ExpectedVersion.any(), ids("req-1", "cmd-3"), new OrderShipped("o-1", "ups"));
    store().events().append("s-9", ExpectedVersion.noStream(), ids("req-1", "cmd-3"), new OrderShipped("o-9", "dhl"));

    assertThat(store().events().readByCorrelationId("req-1")).extracting(EventEnvelope::streamId, e -> e.data())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("o-1", new OrderPlaced("o-1", BigDecimal.TEN, "EUR")),
            org.assertj.core.groups.Tuple.tuple("o-1", new OrderShipped("o-1", "ups")),
            org.assertj.core.groups.Tuple.tuple("s-9", new OrderShipped("o-9", "dhl")));
    assertThat(store().events().readByCausationId("cmd-3")).extracting(EventEnvelope::streamId)
        .containsExactly("o-1", "s-9");
    assertThat(store().events().readByCorrelationId("nobody")).isEmpty();
  }

  @Test
  void globalReadOfOneTypePagesByCheckpoint() {
    for (int i = 0; i < 5; i++) {
      store().events().append("o-" + i, ExpectedVersion.noStream(),
          new OrderPlaced("o-" + i, BigDecimal.ONE, "EUR"), new OrderShipped("o-" + i, "ups"));
    }
    SafePoint.await(store());

    List<EventEnvelope<?>> first = store().events().readAll(OrderShipped.class, Checkpoint.START, 3);
    assertThat(first).extracting(EventEnvelope::streamId).containsExactly("o-0", "o-1", "o-2");
    assertThat(first).allSatisfy(e -> assertThat(e.data()).isInstanceOf(OrderShipped.class));
    List<EventEnvelope<?>> rest = store().events().readAll(OrderShipped.class, first.get(2).checkpoint(), 3);
    assertThat(rest).extracting(EventEnvelope::streamId).containsExactly("o-3", "o-4");
  }

  @Test
  void aClassThatIsNoEventIsRefusedByName() {
    assertThatThrownBy(() -> store().events().readAll(String.class, Checkpoint.START, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
  }

  @Test
  void theReadsUseTheirIndexes() throws SQLException {
    assertThat(plan("EXPLAIN SELECT * FROM rf_events WHERE correlation_id = 'x' ORDER BY seq_id"))
        .contains("rf_events_correlation");
    assertThat(plan("EXPLAIN SELECT * FROM rf_events WHERE causation_id = 'x' ORDER BY seq_id"))
        .contains("rf_events_causation");
    assertThat(plan("EXPLAIN SELECT * FROM rf_events WHERE type = 'OrderShipped' AND (tx_id, seq_id) > ('0'::xid8, 0)"
        + " AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx_id, seq_id LIMIT 10"))
        .contains("rf_events_type_global");
  }

  /** The plan with sequential scans priced out: on a near-empty table the planner would rightly prefer them. */
  private String plan(String explain) throws SQLException {
    try (Connection connection = store().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO \"" + store().schemaName() + "\"");
      statement.execute("SET enable_seqscan = off");
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = statement.executeQuery(explain)) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      statement.execute("RESET enable_seqscan");
      statement.execute("RESET search_path");
      return plan.toString();
    }
  }
}
