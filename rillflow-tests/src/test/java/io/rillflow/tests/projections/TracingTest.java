package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.rillflow.DocumentSession;
import io.rillflow.RillflowException;
import io.rillflow.tests.queries.Author;
import io.rillflow.tests.queries.Book;
import io.rillflow.tests.queries.BookRepository;
import io.rillflow.tests.queries.Format;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.startup.Person;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry through the store's {@code openTelemetry(...)} with the SDK's in-memory exporter: the
 * span tree of append, saveChanges, load and query under the caller's span; the trace context stored in
 * each event's {@code traceparent} header; a projection batch continuing the trace its events were
 * appended in (parent: the first event's, links: the others').
 */
class TracingTest extends RillflowTestBase {
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static final OpenTelemetrySdk OTEL = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
      .build();
  private static final Tracer APP = OTEL.getTracer("the-application");

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.openTelemetry(OTEL).readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, new Ledger());
  }

  @BeforeEach
  void reset() {
    Ledger.createTables(store());
    SPANS.reset();
  }

  @Test
  void appendSaveChangesLoadAndQueryAreChildrenOfTheCallersSpanAndEventsCarryTheirTraceparent() {
    UUID id = UUID.randomUUID();
    Span request = APP.spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      try (DocumentSession session = store().openSession()) {
        session.store(new Person(id, "Ada"));
        session.events().append("s-1", ExpectedVersion.noStream(), new Tick("a", 1));
        session.saveChanges();
      }
      store().events().append("s-2", ExpectedVersion.noStream(), AppendOptions.NONE, List.of(new Tick("b", 2)));
      try (var query = store().querySession()) {
        assertThat(query.load(Person.class, id)).isPresent();
        assertThat(query.query(Person.class).limit(5).list()).hasSize(1);
      }
    } finally {
      request.end();
    }
    SpanData root = span("request");
    SpanData save = span("rillflow saveChanges");
    SpanData append = span("rillflow append");
    SpanData load = span("rillflow load");
    SpanData query = span("rillflow query");
    for (SpanData child : List.of(save, append, load, query)) {
      assertThat(child.getTraceId()).isEqualTo(root.getTraceId());
      assertThat(child.getParentSpanId()).as(child.getName()).isEqualTo(root.getSpanId());
    }
    assertThat(save.getAttributes().asMap()).containsKey(io.opentelemetry.api.common.AttributeKey.longKey(
        "rillflow.document_writes"));
    assertThat(append.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("rillflow.stream")))
        .isEqualTo("s-2");
    assertThat(query.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(
        "rillflow.query.operation"))).isEqualTo("list");

    List<EventEnvelope<?>> events = store().events().readAll(Checkpoint.START, 10);
    // W3C: version-traceid-parentid-flags (sampled, and the SDK's random-trace-id flag).
    assertThat(traceparent(events.get(0))).as("written in saveChanges' span")
        .startsWith("00-" + root.getTraceId() + "-" + save.getSpanId() + "-");
    assertThat(traceparent(events.get(1))).as("written in the append's span")
        .startsWith("00-" + root.getTraceId() + "-" + append.getSpanId() + "-");
  }

  @Test
  void repositoryQueryMethodsOpenAQuerySpanUnderTheCallersSpanNamingTypeOperationAndSource() {
    BookRepository books = store().repository(BookRepository.class);
    books.save(new Book(UUID.randomUUID(), "Solaris", "isbn-solaris", new Author("Stanisław Lem", "PL", 1921),
        List.of("sf"), Format.PAPERBACK, 204, BigDecimal.TEN, 4.5, LocalDate.of(1961, 1, 1), Instant.EPOCH, true, null));
    SPANS.reset();
    Span request = APP.spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      assertThat(books.pagesBetween(100, 300)).hasSize(1);
      assertThat(books.existsByIsbn("isbn-solaris")).isTrue();
      try (DocumentSession session = store().openSession()) {
        assertThat(books.in(session).countByAuthorCountry("PL")).isEqualTo(1);
      }
    } finally {
      request.end();
    }
    SpanData root = span("request");
    List<SpanData> queries = SPANS.getFinishedSpanItems().stream().filter(s -> s.getName().equals("rillflow query"))
        .toList();
    assertThat(queries).extracting(s -> s.getAttributes().get(AttributeKey.stringKey("rillflow.query.operation")))
        .containsExactly("list", "exists", "count");
    for (SpanData query : queries) {
      assertThat(query.getParentSpanId()).isEqualTo(root.getSpanId());
      assertThat(query.getAttributes().get(AttributeKey.stringKey("rillflow.query.source"))).isEqualTo("repository");
      assertThat(query.getAttributes().asMap()).containsValue("Book");
    }
  }

  @Test
  void aFailingRepositoryQueryMarksItsSpanFailed() {
    BookRepository books = store().repository(BookRepository.class);
    for (String isbn : List.of("isbn-a", "isbn-b")) {
      books.save(new Book(UUID.randomUUID(), "Twin", isbn, new Author("A", "PL", 1921), List.of(), Format.EBOOK, 1,
          BigDecimal.ONE, 1, LocalDate.of(2000, 1, 1), Instant.EPOCH, true, null));
    }
    SPANS.reset();
    assertThatThrownBy(() -> books.findByTitle("Twin")).isInstanceOf(RillflowException.class);
    SpanData query = span("rillflow query");
    assertThat(query.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(query.getAttributes().get(AttributeKey.stringKey("rillflow.query.operation"))).isEqualTo("optional");
  }

  @Test
  void aProjectionBatchContinuesTheTraceOfItsFirstEventAndLinksTheOthers() {
    Span first = APP.spanBuilder("first request").startSpan();
    try (Scope ignored = first.makeCurrent()) {
      store().events().append("s-1", ExpectedVersion.noStream(), new Tick("a", 1));
    } finally {
      first.end();
    }
    Span second = APP.spanBuilder("second request").startSpan();
    try (Scope ignored = second.makeCurrent()) {
      store().events().append("s-2", ExpectedVersion.noStream(), new Tick("b", 2));
    } finally {
      second.end();
    }
    // No caller's span: the append's own span starts a trace of its own, a second link.
    store().events().append("s-3", ExpectedVersion.noStream(), new Tick("c", 3));
    Ledger.awaitReadable(store(), 3);
    assertThat(store().projections().daemon().runUntilIdle()).isEqualTo(3);

    SpanData batch = span("rillflow projection batch");
    SpanData firstAppend = SPANS.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("rillflow append") && s.getTraceId().equals(first.getSpanContext().getTraceId()))
        .findFirst().orElseThrow();
    assertThat(batch.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(batch.getTraceId()).isEqualTo(first.getSpanContext().getTraceId());
    assertThat(batch.getParentSpanId()).as("the first event's append").isEqualTo(firstAppend.getSpanId());
    assertThat(batch.getLinks()).hasSize(2);
    assertThat(batch.getLinks().get(0).getSpanContext().getTraceId()).isEqualTo(second.getSpanContext().getTraceId());
    assertThat(batch.getLinks().get(1).getSpanContext().getTraceId())
        .isNotIn(first.getSpanContext().getTraceId(), second.getSpanContext().getTraceId());
    assertThat(batch.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("rillflow.projection")))
        .isEqualTo(Ledger.NAME);
    assertThat(Ledger.applied(store())).isEqualTo(3);
  }

  @Test
  void aSubscriptionDeliveryContinuesTheTraceItsEventWasAppendedInAndRecordsAFailingHandler() throws Exception {
    Span request = APP.spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      store().events().append("s-1", ExpectedVersion.noStream(), new Tick("a", 1));
    } finally {
      request.end();
    }
    store().subscriptions().create("traced", SubscriptionFilter.allEvents());
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    SubscriptionOptions options = SubscriptionOptions.defaults().pollInterval(Duration.ofMillis(50))
        .retryBackoff(Duration.ofMillis(1)).maxAttempts(2);
    try (SubscriptionHandle handle = store().subscriptions().subscribe("traced", options, (delivery, h) -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("first try fails");
      }
    })) {
      Await.until("two deliveries", Duration.ofSeconds(20), () -> calls.get() >= 2
          && SPANS.getFinishedSpanItems().stream().filter(s -> s.getName().equals("rillflow subscription delivery"))
              .count() >= 2);
    }
    SpanData append = span("rillflow append");
    List<SpanData> deliveries = SPANS.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("rillflow subscription delivery")).toList();
    for (SpanData delivery : deliveries) {
      assertThat(delivery.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(delivery.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
      assertThat(delivery.getParentSpanId()).as("the append's span").isEqualTo(append.getSpanId());
      assertThat(delivery.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(
          "rillflow.subscription"))).isEqualTo("traced");
    }
    assertThat(deliveries.get(0).getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
    assertThat(deliveries.get(1).getStatus().getStatusCode()).isNotEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
  }

  @Test
  void anAppendWithoutACallersSpanStartsATraceOfItsOwnThatItsEventCarries() {
    store().events().append("s-1", ExpectedVersion.noStream(), new Tick("a", 1));
    EventEnvelope<?> event = store().events().readStream("s-1").get(0);
    // The append's own span is current while it writes: the event still carries a context, a root one.
    assertThat(traceparent(event)).startsWith("00-");
    assertThat(span("rillflow append").getParentSpanContext().isValid()).isFalse();
  }

  private static String traceparent(EventEnvelope<?> event) {
    return (String) event.metadata().headers().get("traceparent");
  }

  private static SpanData span(String name) {
    await(name);
    return SPANS.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  private static void await(String name) {
    Await.until("a finished span " + name, Duration.ofSeconds(10),
        () -> SPANS.getFinishedSpanItems().stream().anyMatch(s -> s.getName().equals(name)));
  }
}
