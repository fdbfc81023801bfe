package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.EventMetadata;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Store and session defaults for append metadata, merged under each append's own. */
class AppendDefaultsTest extends RillflowTestBase {

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.appendDefaults(AppendOptions.builder().header("service", "billing").correlationId("store-wide").build());
  }

  private EventMetadata metadataOf(String stream) {
    return store().events().readStream(stream).get(0).metadata();
  }

  @Test
  void aLoneAppendStartsFromTheStoreDefaultsAndItsOwnWin() {
    store().events().append("a", ExpectedVersion.noStream(), new OrderShipped("a", "DHL"));
    assertThat(metadataOf("a").headers()).isEqualTo(Map.of("service", "billing"));
    assertThat(metadataOf("a").correlationId()).isEqualTo("store-wide");

    store().events().append("b", ExpectedVersion.noStream(),
        AppendOptions.builder().correlationId("own").header("service", "shipping").header("user", "ada").build(),
        new OrderShipped("b", "UPS"));
    assertThat(metadataOf("b").correlationId()).isEqualTo("own");
    assertThat(metadataOf("b").headers()).isEqualTo(Map.of("service", "shipping", "user", "ada"));
  }

  @Test
  void aSessionSetsItsOwnCorrelationCausationAndHeaders() {
    try (DocumentSession session = store().openSession()) {
      session.correlationId("request-7").causationId("command-3").header("user", "grace");
      session.events().append("c", ExpectedVersion.noStream(), new OrderShipped("c", "DHL"));
      session.saveChanges();
    }
    EventMetadata metadata = metadataOf("c");
    assertThat(metadata.correlationId()).isEqualTo("request-7");
    assertThat(metadata.causationId()).isEqualTo("command-3");
    assertThat(metadata.headers()).isEqualTo(Map.of("service", "billing", "user", "grace"));
  }

  @Test
  void defaultsCannotCarryAnIdempotencyKey() {
    AppendOptions keyed = AppendOptions.builder().idempotencyKey("k").build();
    try (DocumentSession session = store().openSession()) {
      assertThatThrownBy(() -> session.events().defaults(keyed)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("an idempotency key or a stream type belongs to one append");
    }
    assertThatThrownBy(() -> io.rillflow.DocumentStore.builder().appendDefaults(keyed))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
