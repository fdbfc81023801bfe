package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.rillflow.DocumentSession;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import org.junit.jupiter.api.Test;

/**
 * A store built without {@code openTelemetry(...)} (the default) traces nothing and writes no trace
 * header, even while the application has a span of its own current: tracing is opt-in.
 */
class UntracedStoreTest extends RillflowTestBase {

  @Test
  void withoutOpenTelemetryNoSpanIsStartedAndNoHeaderWritten() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    Span request = otel.getTracer("the-application").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      store().events().append("s-1", ExpectedVersion.noStream(), new Tick("a", 1));
      try (DocumentSession session = store().openSession()) {
        session.events().append("s-2", ExpectedVersion.noStream(), new Tick("b", 2));
        session.saveChanges();
      }
    } finally {
      request.end();
    }
    assertThat(store().events().readStream("s-1").get(0).metadata().headers()).isEmpty();
    assertThat(store().events().readStream("s-2").get(0).metadata().headers()).isEmpty();
    assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getName()).containsExactly("request");
  }
}
