package io.rillflow.internal.aggregates;

import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.events.DefaultEventStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Loads an aggregate on one connection: the newest usable snapshot at or below the version asked
 * for, then the events after it through the event store's own read (so upcasts apply), folded.
 * A snapshot that had to be ignored is written again from the full fold.
 */
final class AggregateLoader {
  private final DefaultEventStore events;
  private final Snapshots snapshots;

  AggregateLoader(DefaultEventStore events, Snapshots snapshots) {
    this.events = events;
    this.snapshots = snapshots;
  }

  /** The state at {@code atVersion} (or the newest below it); {@code null} when the stream has no event. */
  <A> Loaded<A> load(Connection connection, AggregateType<A> type, String stream, long atVersion) throws SQLException {
    Snapshots.Found<A> found = type.snapshots()
        ? snapshots.read(connection, type, stream, atVersion)
        : Snapshots.Found.none();
    Loaded<A> start = found.snapshot();
    long from = start == null ? 1 : start.version() + 1;
    List<EventEnvelope<?>> tail = events.readStream(connection, stream, from, atVersion);
    if (start == null && tail.isEmpty()) {
      return null;
    }
    A state = type.fold(start == null ? type.mapping().initial() : start.state(), tail);
    long version = tail.isEmpty() ? start.version() : tail.get(tail.size() - 1).version();
    if (found.stale() && state != null) {
      snapshots.replace(connection, type, stream, version, state);
    }
    return new Loaded<>(state, version);
  }

  /** {@code base} (the state at {@code base.version()}) brought up to {@code toVersion}. */
  <A> Loaded<A> foldOnto(Connection connection, AggregateType<A> type, String stream, Loaded<A> base, long toVersion) {
    List<EventEnvelope<?>> tail = events.readStream(connection, stream, base.version() + 1, toVersion);
    A state = type.fold(base.state() == null ? type.mapping().initial() : base.state(), tail);
    return new Loaded<>(state, tail.isEmpty() ? base.version() : tail.get(tail.size() - 1).version());
  }
}
