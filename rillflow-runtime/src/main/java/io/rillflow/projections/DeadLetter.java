package io.rillflow.projections;

import io.rillflow.events.Checkpoint;
import java.time.Instant;

/**
 * An event a projection failed to apply on every try, with the last error.
 *
 * <pre>{@code
 * DeadLetter letter = store.projections().deadLetters("order-totals").get(0);
 * System.out.println(letter.type() + " at " + letter.position() + ": " + letter.error());
 * }</pre>
 *
 * @param id the dead letter's id, for {@link Projections#requeue(long)} and {@link Projections#delete(long)}
 * @param projection the projection's name
 * @param checkpoint where the event stands in global order
 * @param streamId the event's stream
 * @param version the event's version in its stream
 * @param type the event's type name
 * @param attempts how many times the projection tried it
 * @param error the last failure
 * @param requeued whether it waits to be tried again
 * @param createdAt when it was given up on
 */
public record DeadLetter(long id, String projection, Checkpoint checkpoint, String streamId, long version,
    String type, int attempts, String error, boolean requeued, Instant createdAt) {

  /** The event's global position. */
  public long position() {
    return checkpoint.position();
  }
}
