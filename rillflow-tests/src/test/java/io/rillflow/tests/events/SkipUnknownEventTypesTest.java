package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.Checkpoint;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.UnknownEventTypes;
import io.rillflow.test.RillflowTestBase;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SkipUnknownEventTypesTest extends RillflowTestBase {

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.unknownEventTypes(UnknownEventTypes.SKIP);
  }

  @Test
  void aStoreBuiltToSkipUnknownTypesLeavesThemOutOfEveryRead() {
    store().events().append("mixed", ExpectedVersion.noStream(), new OrderShipped("o", "a"));
    RawSql.execute(store(), "UPDATE rf_streams SET version = 3 WHERE stream_id = 'mixed'");
    RawSql.execute(store(), "INSERT INTO rf_events (stream_id, version, type, schema_version, data) VALUES"
        + " ('mixed', 2, 'OrderCancelled', 1, '{}'), ('mixed', 3, 'OrderShipped', 1, '{\"orderId\": \"o\", \"carrier\": \"b\"}')");

    assertThat(store().events().readStream("mixed")).extracting(EventEnvelope::version).containsExactly(1L, 3L);
    SafePoint.await(store());
    assertThat(store().events().readAll(Checkpoint.START, 10)).extracting(EventEnvelope::version).containsExactly(1L, 3L);
    try (Stream<EventEnvelope<?>> all = store().events().scanAll(Checkpoint.START)) {
      assertThat(all).extracting(EventEnvelope::version).containsExactly(1L, 3L);
    }
  }
}
