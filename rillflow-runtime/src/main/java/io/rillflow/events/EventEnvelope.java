package io.rillflow.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One stored event as read back: the event itself ({@link #data()}, always an instance of its
 * event type's current class, older versions upcast on the way) and where and when it was stored.
 *
 * <pre>{@code
 * for (EventEnvelope<?> e : store.events().readStream(orderId)) {
 *   if (e.data() instanceof OrderShipped shipped) {
 *     System.out.println("shipped at version " + e.version() + " on " + e.timestamp());
 *   }
 * }
 * }</pre>
 *
 * @param streamId the stream's key as stored: a {@code UUID} key in its canonical text form
 *     (see {@link #streamUuid()})
 * @param version the event's position in its stream, from 1
 * @param position the event's global position: unique in the store, increasing in the order
 *     events were written
 * @param type the stored type name ({@code @Event(name)})
 * @param schemaVersion the schema version the event was written with; {@code data} has been upcast
 *     from it to the current version
 * @param data the event
 * @param metadata headers, causation id and correlation id
 * @param timestamp when the writing transaction started
 * @param checkpoint where a global reader continues after this event (see {@link Checkpoint})
 * @param <T> the event's class
 */
public record EventEnvelope<T>(
    String streamId, long version, long position, String type, int schemaVersion, T data,
    EventMetadata metadata, Instant timestamp, Checkpoint checkpoint) {

  /** Checks that every part is there. */
  public EventEnvelope {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(checkpoint, "checkpoint");
  }

  /**
   * The stream id as a {@code UUID}, for streams keyed by one.
   *
   * @throws IllegalStateException when the stream is keyed by a string that is not a UUID
   */
  public UUID streamUuid() {
    try {
      return UUID.fromString(streamId);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Stream " + streamId + " is keyed by a String, not a UUID", e);
    }
  }
}
