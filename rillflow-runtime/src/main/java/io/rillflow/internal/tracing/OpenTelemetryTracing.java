package io.rillflow.internal.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.rillflow.events.EventEnvelope;
import io.rillflow.query.DocumentQuery;
import io.rillflow.spi.QueryCall;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** {@link StoreTracing} through an {@link OpenTelemetry}: spans of the tracer {@code io.rillflow}. */
final class OpenTelemetryTracing implements StoreTracing {
  static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
  static final AttributeKey<String> STREAM = AttributeKey.stringKey("rillflow.stream");
  static final AttributeKey<Long> EVENTS = AttributeKey.longKey("rillflow.events");
  static final AttributeKey<Long> WRITES = AttributeKey.longKey("rillflow.document_writes");
  static final AttributeKey<String> DOCUMENT = AttributeKey.stringKey("rillflow.document_type");
  static final AttributeKey<Long> IDS = AttributeKey.longKey("rillflow.ids");
  static final AttributeKey<String> PROJECTION = AttributeKey.stringKey("rillflow.projection");
  static final AttributeKey<String> SUBSCRIPTION = AttributeKey.stringKey("rillflow.subscription");
  static final AttributeKey<Long> FIRST_POSITION = AttributeKey.longKey("rillflow.position.first");
  static final AttributeKey<Long> LAST_POSITION = AttributeKey.longKey("rillflow.position.last");

  /** Reads the trace context from an event's headers (values stored as JSON, so any type). */
  private static final TextMapGetter<Map<String, Object>> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, Object> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, Object> carrier, String key) {
      Object value = carrier == null ? null : carrier.get(key);
      return value instanceof String text ? text : null;
    }
  };

  private final Tracer tracer;
  private final W3CTraceContextPropagator propagator = W3CTraceContextPropagator.getInstance();

  OpenTelemetryTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("io.rillflow");
  }

  private SpanBuilder span(String name) {
    return tracer.spanBuilder(name).setAttribute(DB_SYSTEM, "postgresql");
  }

  @Override
  public TracedWork append(String stream, int events) {
    return new OpenSpan(span("rillflow append").setAttribute(STREAM, stream).setAttribute(EVENTS, (long) events)
        .startSpan());
  }

  @Override
  public Map<String, Object> stamp(Map<String, Object> headers) {
    if (headers.containsKey(TRACEPARENT) || !Span.current().getSpanContext().isValid()) {
      return headers;
    }
    Map<String, Object> stamped = new HashMap<>(headers);
    propagator.inject(Context.current(), stamped, Map::put);
    return stamped;
  }

  @Override
  public TracedWork saveChanges(int documentWrites) {
    return new OpenSpan(span("rillflow saveChanges").setAttribute(WRITES, (long) documentWrites).startSpan());
  }

  @Override
  public TracedWork load(String documentType, int ids) {
    return new OpenSpan(span("rillflow load").setAttribute(DOCUMENT, documentType).setAttribute(IDS, (long) ids)
        .startSpan());
  }

  @Override
  public <T> DocumentQuery<T> query(DocumentQuery<T> query, String documentType) {
    return new TracedQuery<>(query, this, documentType);
  }

  TracedWork queryRun(String documentType, String operation) {
    return new OpenSpan(querySpan(documentType, operation).startSpan());
  }

  @Override
  public <T> QueryCall<T> queryCall(QueryCall<T> call, String documentType) {
    return new TracedQueryCall<>(call, this, documentType);
  }

  /** As {@link #queryRun}, marked as a generated repository method's query. */
  TracedWork repositoryQueryRun(String documentType, String operation) {
    return new OpenSpan(querySpan(documentType, operation).setAttribute("rillflow.query.source", "repository")
        .startSpan());
  }

  /** Runs a query's {@code work} inside {@code span}, recording a failure on it: one rule for both kinds of query. */
  static <R> R run(TracedWork span, Supplier<R> work) {
    try (span) {
      try {
        return work.get();
      } catch (RuntimeException | Error e) {
        span.failed(e);
        throw e;
      }
    }
  }

  private SpanBuilder querySpan(String documentType, String operation) {
    return span("rillflow query").setAttribute(DOCUMENT, documentType).setAttribute("rillflow.query.operation", operation);
  }

  @Override
  public TracedWork batch(String projection, List<? extends EventEnvelope<?>> events) {
    SpanBuilder builder = span("rillflow projection batch").setSpanKind(SpanKind.CONSUMER)
        .setAttribute(PROJECTION, projection).setAttribute(EVENTS, (long) events.size());
    if (!events.isEmpty()) {
      builder.setAttribute(FIRST_POSITION, events.get(0).position())
          .setAttribute(LAST_POSITION, events.get(events.size() - 1).position());
    }
    // The first event's trace is the parent (a batch is a consequence of it); every other trace a link.
    Set<SpanContext> appended = new LinkedHashSet<>();
    for (EventEnvelope<?> event : events) {
      SpanContext context = appendedIn(event);
      if (context.isValid()) {
        appended.add(context);
      }
    }
    boolean first = true;
    for (SpanContext context : appended) {
      if (first) {
        builder.setParent(Context.root().with(Span.wrap(context)));
        first = false;
      } else {
        builder.addLink(context);
      }
    }
    if (first) {
      builder.setNoParent();
    }
    return new OpenSpan(builder.startSpan());
  }

  @Override
  public TracedWork delivery(String subscription, EventEnvelope<?> event) {
    SpanContext appended = appendedIn(event);
    SpanBuilder builder = span("rillflow subscription delivery").setSpanKind(SpanKind.CONSUMER)
        .setAttribute(SUBSCRIPTION, subscription).setAttribute(FIRST_POSITION, event.position());
    if (appended.isValid()) {
      builder.setParent(Context.root().with(Span.wrap(appended)));
    } else {
      builder.setNoParent();
    }
    return new OpenSpan(builder.startSpan());
  }

  /** The span context the event was appended in, from its headers; invalid when it carries none. */
  private SpanContext appendedIn(EventEnvelope<?> event) {
    Map<String, Object> headers = event.metadata().headers();
    if (!headers.containsKey(TRACEPARENT)) {
      return SpanContext.getInvalid();
    }
    return Span.fromContext(propagator.extract(Context.root(), headers, HEADERS)).getSpanContext();
  }
}
