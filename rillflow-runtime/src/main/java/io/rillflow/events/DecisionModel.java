package io.rillflow.events;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A state built from the events of one {@link EventQuery}, for decisions across streams (Dynamic
 * Consistency Boundaries): {@link #read(EventStore)} queries the events, folds them from the initial
 * state in global order and returns the state with the {@link AppendCondition} that makes an
 * append fail if the state went stale meanwhile.
 *
 * <pre>{@code
 * DecisionModel<Course> course = DecisionModel.of(query, Course.EMPTY, Course::apply);
 * Decision<Course> decision = course.read(store.events());
 * if (decision.state().hasRoom()) {
 *   decision.append(store.events(), new StudentSubscribed(courseId, studentId));   // or AppendConditionException
 * }
 * }</pre>
 *
 * <p>The fold is {@code (state, event) -> next state}, given each event's data (the current class of
 * its type, upcast); it may return the same state for events it ignores. Immutable and thread-safe
 * when the fold is.
 *
 * @param query the events the decision depends on
 * @param initial the state before any event
 * @param fold the next state after one event
 * @param <S> the state's type
 */
public record DecisionModel<S>(EventQuery query, S initial, BiFunction<S, Object, S> fold) {

  /** Checks the parts. */
  public DecisionModel {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(fold, "fold");
  }

  /** A model of {@code query}'s events folded from {@code initial} by {@code fold}. */
  public static <S> DecisionModel<S> of(EventQuery query, S initial, BiFunction<S, Object, S> fold) {
    return new DecisionModel<>(query, initial, fold);
  }

  /** Reads the query's events, folds them, and pairs the state with the condition of the read. */
  public Decision<S> read(EventStore store) {
    EventQueryResult read = store.query(query);
    S state = initial;
    for (EventEnvelope<?> event : read.events()) {
      state = fold.apply(state, event.data());
    }
    return new Decision<>(state, read.events().size(), AppendCondition.failIfEventsMatch(query).after(read.checkpoint()));
  }
}
