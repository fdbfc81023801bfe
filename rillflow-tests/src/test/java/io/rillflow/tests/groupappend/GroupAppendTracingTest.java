package io.rillflow.tests.groupappend;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.GroupAppendOptions;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.Attempted;
import io.rillflow.tests.events.RawSql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Appends written in one group keep one OpenTelemetry span each, a child of its own caller's span,
 * and each event carries its own append's trace context, though one transaction wrote them all.
 */
class GroupAppendTracingTest extends RillflowTestBase {
  private static final int CALLERS = 4;
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static final OpenTelemetrySdk OTEL = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
      .build();
  private static final Tracer APP = OTEL.getTracer("the-application");

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    // One lane with room for exactly the callers, and time to gather them: one group.
    builder.openTelemetry(OTEL).readModels(false).groupAppends(GroupAppendOptions.enabled().lanes(1)
        .maxGroupSize(CALLERS).maxDelay(Duration.ofSeconds(20)));
  }

  @Test
  void eachGroupedAppendHasItsOwnSpanUnderItsCallersAndItsEventsCarryIt() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
    List<Future<String>> callers = new ArrayList<>();
    try {
      for (int i = 0; i < CALLERS; i++) {
        String stream = "traced-" + i;
        callers.add(threads.submit(() -> {
          Span request = APP.spanBuilder("request " + stream).startSpan();
          try (Scope ignored = request.makeCurrent()) {
            store().events().append(stream, ExpectedVersion.noStream(), new Attempted(stream, 1));
          } finally {
            request.end();
          }
          return request.getSpanContext().getSpanId();
        }));
      }
      for (int i = 0; i < CALLERS; i++) {
        String parent = callers.get(i).get(60, TimeUnit.SECONDS);
        String stream = "traced-" + i;
        List<SpanData> appends = SPANS.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals("rillflow append") && s.getParentSpanId().equals(parent)).toList();
        assertThat(appends).as("one append span under %s's caller", stream).hasSize(1);
        EventEnvelope<?> event = store().events().readStream(stream).get(0);
        assertThat((String) event.metadata().headers().get("traceparent"))
            .contains("-" + appends.get(0).getSpanId() + "-");
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(RawSql.count(store(), "SELECT count(DISTINCT tx_id) FROM rf_events")).as("one group").isEqualTo(1);
  }
}
