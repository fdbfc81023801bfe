package io.rillflow.internal.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.rillflow.events.EventEnvelope;
import io.rillflow.query.DocumentQuery;
import io.rillflow.spi.QueryCall;
import java.util.List;
import java.util.Map;

/**
 * The spans a store opens: append, saveChanges, load, query, projection batch and subscription
 * delivery; and the trace context an append stores in its events' headers ({@value #TRACEPARENT},
 * W3C Trace Context), which a projection batch continues.
 *
 * <p>{@link #OFF} (no {@code OpenTelemetry} given to the builder) is a constant whose methods return
 * their input or {@link TracedWork#NONE}: the hot paths pay one interface call and allocate nothing.
 */
public interface StoreTracing {
  /** The W3C header that carries the trace context in an event's headers. */
  String TRACEPARENT = "traceparent";

  /** No tracing. */
  StoreTracing OFF = new StoreTracing() {
    @Override
    public TracedWork append(String stream, int events) {
      return TracedWork.NONE;
    }

    @Override
    public Map<String, Object> stamp(Map<String, Object> headers) {
      return headers;
    }

    @Override
    public TracedWork saveChanges(int documentWrites) {
      return TracedWork.NONE;
    }

    @Override
    public TracedWork load(String documentType, int ids) {
      return TracedWork.NONE;
    }

    @Override
    public <T> DocumentQuery<T> query(DocumentQuery<T> query, String documentType) {
      return query;
    }

    @Override
    public <T> QueryCall<T> queryCall(QueryCall<T> call, String documentType) {
      return call;
    }

    @Override
    public TracedWork batch(String projection, List<? extends EventEnvelope<?>> events) {
      return TracedWork.NONE;
    }

    @Override
    public TracedWork delivery(String subscription, EventEnvelope<?> event) {
      return TracedWork.NONE;
    }
  };

  /** Tracing through {@code openTelemetry}; {@link #OFF} when it is {@code null}. */
  static StoreTracing of(OpenTelemetry openTelemetry) {
    return openTelemetry == null ? OFF : new OpenTelemetryTracing(openTelemetry);
  }

  /** A span around one append to a stream. */
  TracedWork append(String stream, int events);

  /**
   * An append's headers with the current trace context added ({@value #TRACEPARENT}, and
   * {@code tracestate} when there is one), so whoever handles the events continues the trace; the
   * headers themselves when no span is current or they carry a context already.
   */
  Map<String, Object> stamp(Map<String, Object> headers);

  /** A span around a unit of work's commit. */
  TracedWork saveChanges(int documentWrites);

  /** A span around a load by id(s). */
  TracedWork load(String documentType, int ids);

  /** The query, each of whose runs ({@code list}, {@code count}, ...) opens a span. */
  <T> DocumentQuery<T> query(DocumentQuery<T> query, String documentType);

  /** The generated repository query, whose run ({@code list}, {@code count}, ...) opens a span. */
  <T> QueryCall<T> queryCall(QueryCall<T> call, String documentType);

  /**
   * A span around one projection batch: a child of the trace its first event was appended in, linked
   * to the traces of the others.
   */
  TracedWork batch(String projection, List<? extends EventEnvelope<?>> events);

  /**
   * A span around the delivery of one event to a subscription's handler, a child of the trace the event
   * was appended in: the hook for subscriptions (and their broker forwarders) to continue the trace.
   */
  TracedWork delivery(String subscription, EventEnvelope<?> event);
}
