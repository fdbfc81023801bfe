package io.rillflow.subscriptions;

import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import java.util.Objects;

/**
 * One event handed to a subscriber: the event with its place in the global order, and where in the
 * group it was delivered (partition and the lease epoch, which an acknowledgement is checked
 * against). Pass it back to {@link SubscriptionHandle#ack(Delivery)}.
 *
 * <pre>{@code
 * handle -> (delivery, h) -> {
 *   broker.publish(delivery.id(), delivery.json(), delivery.event().metadata().headers());
 * }
 * }</pre>
 *
 * @param subscription the subscription's name
 * @param group the consumer group
 * @param partition the partition of the event's stream (a stable hash of the stream id)
 * @param epoch the lease epoch the member held the partition at when it delivered the event
 * @param attempt which try this is, from 1 (more after a redelivery or a failed handler)
 * @param event the decoded event, with its stream, version, global position and metadata
 * @param json the event's data as stored (JSON at its stored {@link EventEnvelope#schemaVersion()})
 * @param previous the partition's checkpoint before this event: where a redelivery would start
 */
public record Delivery(String subscription, String group, int partition, long epoch, int attempt,
    EventEnvelope<?> event, String json, Checkpoint previous) {

  /** The W3C trace-context header an append's metadata may carry ({@code traceparent}). */
  public static final String TRACEPARENT = "traceparent";

  /** Checks the parts. */
  public Delivery {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(previous, "previous");
  }

  /**
   * The event's global position as text: the same for every delivery of the event, in every group,
   * so a consumer (or a broker's de-duplication) can drop repeats by it.
   */
  public String id() {
    return Long.toString(event.position());
  }

  /** The event's global position. */
  public long position() {
    return event.position();
  }

  /** Where the partition's checkpoint moves when this delivery is acknowledged. */
  public Checkpoint checkpoint() {
    return event.checkpoint();
  }

  /** The correlation id the event was appended with, or {@code null}. */
  public String correlationId() {
    return event.metadata().correlationId();
  }

  /** The W3C {@code traceparent} the event was appended with (a header of its metadata), or {@code null}. */
  public String traceparent() {
    Object value = event.metadata().headers().get(TRACEPARENT);
    return value == null ? null : value.toString();
  }
}
