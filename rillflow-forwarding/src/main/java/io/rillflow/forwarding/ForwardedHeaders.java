package io.rillflow.forwarding;

import io.rillflow.events.EventEnvelope;
import io.rillflow.subscriptions.Delivery;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every forwarded message carries, the same for every broker: the event's place
 * (type, stream, version, global position), when it was stored, its correlation and causation ids,
 * and every header of its metadata under its own name (so a W3C {@code traceparent} appended with the
 * event travels as {@code traceparent}). Header values are text.
 */
public final class ForwardedHeaders {
  /** The stored event type name ({@code @Event(name)}). */
  public static final String TYPE = "rillflow-type";
  /** The stream id. */
  public static final String STREAM = "rillflow-stream";
  /** The event's version in its stream, from 1. */
  public static final String VERSION = "rillflow-version";
  /** The event's global position: also the message id, the same for every copy of the event. */
  public static final String POSITION = "rillflow-position";
  /** The schema version the body was stored at. */
  public static final String SCHEMA_VERSION = "rillflow-schema-version";
  /** When the event was stored (ISO-8601). */
  public static final String TIMESTAMP = "rillflow-timestamp";
  /** The subscription that forwarded it. */
  public static final String SUBSCRIPTION = "rillflow-subscription";
  /** The correlation id the event was appended with (absent when none). */
  public static final String CORRELATION_ID = "rillflow-correlation-id";
  /** The causation id the event was appended with (absent when none). */
  public static final String CAUSATION_ID = "rillflow-causation-id";

  private ForwardedHeaders() {}

  /** The headers of a delivery's message, in a stable order; metadata headers keep their own names. */
  public static Map<String, String> of(Delivery delivery) {
    EventEnvelope<?> event = delivery.event();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(TYPE, event.type());
    headers.put(STREAM, event.streamId());
    headers.put(VERSION, Long.toString(event.version()));
    headers.put(POSITION, delivery.id());
    headers.put(SCHEMA_VERSION, Integer.toString(event.schemaVersion()));
    headers.put(TIMESTAMP, event.timestamp().toString());
    headers.put(SUBSCRIPTION, delivery.subscription());
    if (event.metadata().correlationId() != null) {
      headers.put(CORRELATION_ID, event.metadata().correlationId());
    }
    if (event.metadata().causationId() != null) {
      headers.put(CAUSATION_ID, event.metadata().causationId());
    }
    // The user's headers after ours, never over them: a metadata header named like ours is dropped
    // rather than allowed to lie about the event's place.
    event.metadata().headers().forEach((name, value) -> {
      if (value != null) {
        headers.putIfAbsent(name, value.toString());
      }
    });
    return headers;
  }
}
