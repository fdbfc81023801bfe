package io.rillflow.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventMetadata;
import io.rillflow.subscriptions.Delivery;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The headers of a forwarded message: the event's place first, the append's own headers after, never over them. */
class ForwardedHeadersTest {
  private static Delivery delivery(EventMetadata metadata) {
    EventEnvelope<String> event = new EventEnvelope<>("order-7", 3, 42, "Shipped", 2, "{}", metadata,
        Instant.parse("2026-01-02T03:04:05Z"), new Checkpoint(9, 42));
    return new Delivery("orders-out", "to-rabbit", 5, 1, 1, event, "{\"n\":1}", new Checkpoint(9, 41));
  }

  @Test
  void carriesThePlaceTheIdsAndTheAppendsHeaders() {
    Map<String, Object> appended = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "attempt", 2);
    Map<String, String> headers = ForwardedHeaders.of(delivery(new EventMetadata(appended, "cause-1", "corr-1")));

    assertThat(headers.keySet()).as("the event's place first, in a stable order").startsWith(
        ForwardedHeaders.TYPE, ForwardedHeaders.STREAM, ForwardedHeaders.VERSION, ForwardedHeaders.POSITION,
        ForwardedHeaders.SCHEMA_VERSION, ForwardedHeaders.TIMESTAMP, ForwardedHeaders.SUBSCRIPTION,
        ForwardedHeaders.CORRELATION_ID, ForwardedHeaders.CAUSATION_ID);
    assertThat(headers).hasSize(11)
        .containsEntry(ForwardedHeaders.TYPE, "Shipped")
        .containsEntry(ForwardedHeaders.STREAM, "order-7")
        .containsEntry(ForwardedHeaders.VERSION, "3")
        .containsEntry(ForwardedHeaders.POSITION, "42")
        .containsEntry(ForwardedHeaders.SCHEMA_VERSION, "2")
        .containsEntry(ForwardedHeaders.TIMESTAMP, "2026-01-02T03:04:05Z")
        .containsEntry(ForwardedHeaders.SUBSCRIPTION, "orders-out")
        .containsEntry(ForwardedHeaders.CORRELATION_ID, "corr-1")
        .containsEntry(ForwardedHeaders.CAUSATION_ID, "cause-1")
        .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .containsEntry("attempt", "2");
  }

  @Test
  void anAppendedHeaderNamedLikeOursNeverOverridesTheEventsPlace() {
    Map<String, String> headers = ForwardedHeaders.of(delivery(
        new EventMetadata(Map.of(ForwardedHeaders.POSITION, "1", ForwardedHeaders.STREAM, "elsewhere"), null, null)));

    assertThat(headers).containsEntry(ForwardedHeaders.POSITION, "42").containsEntry(ForwardedHeaders.STREAM, "order-7")
        .doesNotContainKeys(ForwardedHeaders.CORRELATION_ID, ForwardedHeaders.CAUSATION_ID);
  }
}
