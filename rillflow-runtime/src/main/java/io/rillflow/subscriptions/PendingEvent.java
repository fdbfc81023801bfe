package io.rillflow.subscriptions;

import io.rillflow.events.Checkpoint;

/**
 * An event a consumer group has still to get, as stored (nothing decoded, so a tool without the
 * application's event classes reads it too): see {@link Subscriptions#pending}.
 *
 * @param checkpoint where the event stands in global order
 * @param partition the group's partition its stream belongs to
 * @param streamId the event's stream
 * @param version the event's version in its stream
 * @param type the event's stored type name
 * @param schemaVersion its stored schema version
 * @param data the event's data as stored (JSON text)
 */
public record PendingEvent(Checkpoint checkpoint, int partition, String streamId, long version, String type,
    int schemaVersion, String data) {

  /** The event's global position. */
  public long position() {
    return checkpoint.position();
  }
}
