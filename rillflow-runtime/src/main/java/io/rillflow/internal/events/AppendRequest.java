package io.rillflow.internal.events;

import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import java.util.List;
import java.util.Objects;

/**
 * One append, checked when it is asked for (so a session fails at {@code append}, not at
 * {@code saveChanges()}, for a bad id or event); the events are serialized when it is written.
 *
 * @param streamKey the stream's stored key
 * @param expected what the stream must be
 * @param options headers, ids and key
 * @param events the events with their types, in order
 * @param condition the Dynamic Consistency Boundary condition, or {@code null} for a plain append
 */
record AppendRequest(String streamKey, ExpectedVersion expected, AppendOptions options, List<Typed> events,
    AppendCondition condition) {

  /**
   * Whether the append has a DCB part ({@link TagStep}): a condition to check, or tags to lock and
   * store. Such an append runs in a transaction, and plain ones keep their single statement.
   */
  boolean tagged() {
    if (condition != null) {
      return true;
    }
    for (Typed typed : events) {
      if (!typed.tags().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Whether any event of this append is of a class {@code hook} wants to see. */
  boolean wantedBy(AppendHook hook) {
    for (Typed typed : events) {
      if (hook.wants(typed.event().getClass())) {
        return true;
      }
    }
    return false;
  }

  /** One event, its registered type and its {@code @Tag}s. */
  record Typed(EventType type, Object event, List<String> tags) {}

  static AppendRequest of(StreamKeys keys, EventTypes types, Object streamId, ExpectedVersion expected,
      AppendOptions options, List<?> events) {
    return of(keys, types, streamId, expected, options, events, null);
  }

  static AppendRequest of(StreamKeys keys, EventTypes types, Object streamId, ExpectedVersion expected,
      AppendOptions options, List<?> events, AppendCondition condition) {
    String key = keys.key(streamId);
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(options, "options");
    if (events == null || events.isEmpty()) {
      throw new IllegalArgumentException("An append to stream " + key + " needs at least one event");
    }
    List<Typed> typed = events.stream().map(event -> {
      EventType type = types.ofInstance(event);
      return new Typed(type, event, type.tags(event));
    }).toList();
    return new AppendRequest(key, expected, options, typed, condition);
  }
}
