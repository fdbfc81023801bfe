package io.rillflow.internal.events;

import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.RillflowException;

/**
 * One row of a global read as a projection needs it: the decoded event, or why there is none. A
 * reader that skipped a row (unknown type, skipped by the store's settings) or could not decode it
 * still has to move its checkpoint past it, or it would read the row again forever.
 *
 * @param checkpoint where a reader continues after this row
 * @param streamId the row's stream
 * @param version the row's version in its stream
 * @param type the stored type name
 * @param event the decoded event; {@code null} when skipped or failed
 * @param failure why the row could not be decoded; {@code null} when it was, or was skipped
 */
public record GlobalRow(
    Checkpoint checkpoint, String streamId, long version, String type, EventEnvelope<?> event,
    RillflowException failure) {

  /** The row of a decoded event. */
  public static GlobalRow of(EventEnvelope<?> event) {
    return new GlobalRow(event.checkpoint(), event.streamId(), event.version(), event.type(), event, null);
  }

  /** The row's global position. */
  public long position() {
    return checkpoint.position();
  }

  /** Whether the row is of a type the store skips: nothing to apply, nothing failed. */
  public boolean skipped() {
    return event == null && failure == null;
  }
}
