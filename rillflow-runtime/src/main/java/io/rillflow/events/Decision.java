package io.rillflow.events;

import java.util.Arrays;
import java.util.List;

/**
 * A state folded by a {@link DecisionModel} from the events of its query, with the condition that
 * keeps a decision made on it consistent: appending with {@link #condition()} fails when an event
 * the state would have folded arrived after it was read.
 *
 * @param state the folded state
 * @param events how many events were folded
 * @param condition fail if events of the model's query arrived after the read
 * @param <S> the state's type
 */
public record Decision<S>(S state, int events, AppendCondition condition) {

  /**
   * Appends {@code newEvents} under {@link #condition()}.
   *
   * @throws AppendConditionException when the state is stale; nothing was written
   */
  public AppendResult append(EventStore store, Object... newEvents) {
    return store.append(condition, Arrays.asList(newEvents));
  }

  /** Queues the append of {@code newEvents} under {@link #condition()} in a unit of work. */
  public void append(SessionEvents session, Object... newEvents) {
    session.append(condition, List.of(newEvents));
  }
}
