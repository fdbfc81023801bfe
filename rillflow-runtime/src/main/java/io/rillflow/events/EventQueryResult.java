package io.rillflow.events;

import java.util.List;

/**
 * What {@link EventStore#query(EventQuery)} read: the matching events in global order, and the
 * checkpoint the read reached. Every matching event at or before the checkpoint is in
 * {@code events}; pass the checkpoint to {@link AppendCondition#after(Checkpoint)} so that an append
 * fails when a matching event arrived after it.
 *
 * @param events the matching events, in global order
 * @param checkpoint where the read stopped: the store's safe point when it was read
 */
public record EventQueryResult(List<EventEnvelope<?>> events, Checkpoint checkpoint) {

  /** Copies the list. */
  public EventQueryResult {
    events = List.copyOf(events);
  }
}
