package io.rillflow.internal.events;

import io.rillflow.events.Checkpoint;

/**
 * One row of a global read as stored, nothing decoded: what a subscription filters and partitions
 * before it decodes the few it delivers, and what it parks, whole, when one cannot be decoded.
 *
 * @param checkpoint where a reader continues after this row
 * @param streamId the row's stream
 * @param version its version in the stream
 * @param type the stored type name
 * @param schemaVersion the stored schema version
 * @param data the event's JSON as stored; {@code null} in the rows a reader decodes from the driver's bytes
 *     instead (see {@code EnvelopeReader}), which it hands to nobody
 * @param headers the headers' JSON as stored, or {@code null}
 * @param causationId the causation id, or {@code null}
 * @param correlationId the correlation id, or {@code null}
 * @param micros when it was written, microseconds since the epoch
 * @param streamType the stream's type when the read asked for it, else {@code null}
 */
public record RawRow(Checkpoint checkpoint, String streamId, long version, String type, int schemaVersion,
    String data, String headers, String causationId, String correlationId, long micros, String streamType) {

  /** The row's global position. */
  public long position() {
    return checkpoint.position();
  }
}
