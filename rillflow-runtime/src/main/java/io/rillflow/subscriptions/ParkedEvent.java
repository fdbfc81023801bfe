package io.rillflow.subscriptions;

import io.rillflow.events.Checkpoint;
import java.time.Instant;

/**
 * An event a consumer group gave up on (its handler failed on every try, or its row no longer decodes),
 * kept with the error and the raw row until requeued or deleted. Delivery went on past it.
 *
 * @param id its id, for {@link Subscriptions#requeue(long)} and {@link Subscriptions#deleteParked(long)}
 * @param subscription the subscription's name
 * @param group the consumer group
 * @param checkpoint where the event stands in global order
 * @param streamId the event's stream
 * @param version the event's version in its stream
 * @param type the event's stored type name
 * @param schemaVersion its stored schema version
 * @param data the event's data as stored (JSON text)
 * @param headers its headers as stored (JSON text), or {@code null}
 * @param attempts how many times it was tried
 * @param error the last failure
 * @param requeued whether it waits to be delivered again
 * @param createdAt when it was parked
 */
public record ParkedEvent(long id, String subscription, String group, Checkpoint checkpoint, String streamId,
    long version, String type, int schemaVersion, String data, String headers, int attempts, String error,
    boolean requeued, Instant createdAt) {

  /** The event's global position. */
  public long position() {
    return checkpoint.position();
  }
}
