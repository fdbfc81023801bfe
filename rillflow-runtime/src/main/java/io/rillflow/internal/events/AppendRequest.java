package io.rillflow.internal.events;

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
 */
record AppendRequest(String streamKey, ExpectedVersion expected, AppendOptions options, List<Typed> events) {

  /** Whether any event of this append is of a class {@code hook} wants to see. */
  boolean wantedBy(AppendHook hook) {
    for (Typed typed : events) {
      if (hook.wants(typed.event().getClass())) {
        return true;
      }
    }
    return false;
  }

  /** One event and its registered type. */
  record Typed(EventType type, Object event) {}

  static AppendRequest of(EventTypes types, Object streamId, ExpectedVersion expected, AppendOptions options,
      List<?> events) {
    String key = StreamKeys.of(streamId);
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(options, "options");
    if (events == null || events.isEmpty()) {
      throw new IllegalArgumentException("An append to stream " + key + " needs at least one event");
    }
    List<Typed> typed = events.stream().map(event -> new Typed(types.ofInstance(event), event)).toList();
    return new AppendRequest(key, expected, options, typed);
  }
}
