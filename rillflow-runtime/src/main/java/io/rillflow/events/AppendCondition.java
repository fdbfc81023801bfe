package io.rillflow.events;

import java.util.Objects;

/**
 * The condition of a Dynamic Consistency Boundary append: fail if an event matching
 * {@link #query()} was committed after {@link #after()}.
 *
 * <pre>{@code
 * EventQueryResult read = events.query(query);
 * // decide on read.events() ...
 * events.append(AppendCondition.failIfEventsMatch(query).after(read.checkpoint()), new StudentSubscribed(...));
 * }</pre>
 *
 * <p>Every item of the query names at least one tag: an append serializes only against appends of
 * events that carry a tag of its query, never against the whole store, and an item without a tag
 * would match untagged events, whose appends take no lock.
 *
 * @param query the events that must not have arrived
 * @param after the checkpoint the decision read up to; {@link Checkpoint#START} means none may exist
 */
public record AppendCondition(EventQuery query, Checkpoint after) {

  /** Checks the parts. */
  public AppendCondition {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(after, "after");
    for (EventQuery.Item item : query.items()) {
      if (item.tags().isEmpty()) {
        throw new IllegalArgumentException("Every item of an append condition needs a tag, but " + item
            + " has none: an append serializes only against appends with overlapping tags");
      }
    }
  }

  /** Fails if any event matching {@code query} exists; narrow it with {@link #after(Checkpoint)}. */
  public static AppendCondition failIfEventsMatch(EventQuery query) {
    return new AppendCondition(query, Checkpoint.START);
  }

  /** This condition, failing only for matching events after {@code checkpoint}. */
  public AppendCondition after(Checkpoint checkpoint) {
    return new AppendCondition(query, checkpoint);
  }
}
