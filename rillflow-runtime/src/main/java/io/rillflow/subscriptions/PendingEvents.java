package io.rillflow.subscriptions;

import io.rillflow.events.Checkpoint;
import java.util.List;

/**
 * What {@link Subscriptions#pending} read: the events a group has still to get, in global order, and
 * how far the read went (pass it back as {@code after} to go on, past the rows the filter dropped).
 *
 * @param events the events, at most the limit asked for
 * @param readTo the last row read, matching or not; the {@code after} given when nothing was read
 */
public record PendingEvents(List<PendingEvent> events, Checkpoint readTo) {

  /** Copies the list. */
  public PendingEvents {
    events = List.copyOf(events);
  }
}
