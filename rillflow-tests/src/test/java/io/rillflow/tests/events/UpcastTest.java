package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.LegacyEvents;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * OrderPlaced has three versions: v1 (cents), v2 (cents and currency, reached by a typed upcast)
 * and v3 (a decimal total, reached from v2 by a JSON upcast). Every read returns v3.
 */
class UpcastTest extends RillflowTestBase {
  private static final OrderPlaced[] AS_VERSION_3 = {
      new OrderPlaced("o-1", new BigDecimal("10.00"), "EUR"),
      new OrderPlaced("o-2", new BigDecimal("20.50"), "USD"),
      new OrderPlaced("o-3", new BigDecimal("30.25"), "GBP")};

  @Test
  void aStreamWrittenAtVersionsOneTwoAndThreeReadsBackAsVersionThree() {
    store().events().append("orders", ExpectedVersion.noStream(),
        new OrderPlacedV1("o-1", 1000), new OrderPlacedV2("o-2", 2050, "USD"),
        new OrderPlaced("o-3", new BigDecimal("30.25"), "GBP"));

    assertThat(RawSql.column(store(), "SELECT schema_version || ' ' || data::text FROM rf_events ORDER BY version"))
        .containsExactly(
            "1 {\"cents\": 1000, \"orderId\": \"o-1\"}",
            "2 {\"cents\": 2050, \"orderId\": \"o-2\", \"currency\": \"USD\"}",
            "3 {\"total\": 30.25, \"orderId\": \"o-3\", \"currency\": \"GBP\"}");
    assertAllVersionThree(store().events().readStream("orders"));
  }

  /** An old row's JSON is made text from the driver's bytes before its upcasts: no character is lost. */
  @Test
  void anOldRowsTextInAnyScriptSurvivesItsUpcasts() {
    String id = "zürich-Ελληνικά-日本語-\uD83D\uDE9A-\"quoted\"-\u2028";
    store().events().append("scripts", ExpectedVersion.noStream(), new OrderPlacedV1(id, 1000));

    List<Object> expected = List.of(new OrderPlaced(id, new BigDecimal("10.00"), "EUR"));
    assertThat(store().events().readStream("scripts").stream().<Object>map(EventEnvelope::data).toList())
        .isEqualTo(expected);
    SafePoint.await(store());
    assertThat(store().events().readAll(Checkpoint.START, 10).stream().<Object>map(EventEnvelope::data).toList())
        .isEqualTo(expected);
  }

  @Test
  void rowsStoredLongAgoInOldShapesAreUpcastOnEveryReadPath() {
    RawSql.execute(store(), "INSERT INTO rf_streams (stream_id, version) VALUES ('legacy', 3)");
    RawSql.execute(store(), "INSERT INTO rf_events (stream_id, version, type, schema_version, data) VALUES"
        + " ('legacy', 1, 'OrderPlaced', 1, '{\"orderId\": \"o-1\", \"cents\": 1000}'),"
        + " ('legacy', 2, 'OrderPlaced', 2, '{\"orderId\": \"o-2\", \"cents\": 2050, \"currency\": \"USD\"}'),"
        + " ('legacy', 3, 'OrderPlaced', 3, '{\"orderId\": \"o-3\", \"total\": 30.25, \"currency\": \"GBP\"}')");

    assertAllVersionThree(store().events().readStream("legacy"));
    assertAllVersionThree(store().events().readStream("legacy", 1, 3));
    SafePoint.await(store());
    assertAllVersionThree(store().events().readAll(Checkpoint.START, 10));
    try (Stream<EventEnvelope<?>> stream = store().events().scanStream("legacy", 1)) {
      assertAllVersionThree(stream.toList());
    }
    try (Stream<EventEnvelope<?>> all = store().events().scanAll(Checkpoint.START)) {
      assertAllVersionThree(all.toList());
    }
  }

  @Test
  void theTestSupportWritesEventsAtAnOlderSchemaVersionWithoutTheirClass() {
    assertThat(LegacyEvents.append(store(), "old", "OrderPlaced", 1, "{\"orderId\": \"o-1\", \"cents\": 1000}"))
        .isEqualTo(1);
    assertThat(LegacyEvents.append(store(), "old", "OrderPlaced", 2,
        "{\"orderId\": \"o-2\", \"cents\": 2050, \"currency\": \"USD\"}")).isEqualTo(2);
    store().events().append("old", ExpectedVersion.exactly(2), new OrderPlaced("o-3", new BigDecimal("30.25"), "GBP"));

    assertAllVersionThree(store().events().readStream("old"));
  }

  private static void assertAllVersionThree(List<EventEnvelope<?>> read) {
    assertThat(read).extracting(e -> (Object) e.data()).containsExactly((Object[]) AS_VERSION_3);
    // The envelope still says which version was stored.
    assertThat(read).extracting(EventEnvelope::schemaVersion).containsExactly(1, 2, 3);
    assertThat(read).extracting(EventEnvelope::type).containsOnly("OrderPlaced");
  }
}
