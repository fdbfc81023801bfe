package io.rillflow.internal.aggregates;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.aggregates.AggregateNotFoundException;
import io.rillflow.aggregates.SessionAggregates;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.internal.session.BoundSession;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.UUID;

/** {@link io.rillflow.aggregates.AggregateRepository#in}: appends queued in the session, with their work after them. */
final class SessionAggregateRepository<A> implements SessionAggregates<A> {
  private final AggregateType<A> type;
  private final Aggregates.Parts parts;
  private final BoundSession session;
  private final SessionAppends appends;

  SessionAggregateRepository(AggregateType<A> type, Aggregates.Parts parts, BoundSession session) {
    this.type = type;
    this.parts = parts;
    this.session = session;
    this.appends = session.appends();
  }

  @Override
  public Optional<A> load(UUID id, long version) {
    return load((Object) id, version);
  }

  @Override
  public Optional<A> load(String id, long version) {
    return load((Object) id, version);
  }

  private Optional<A> load(Object id, long version) {
    return parts.state(session.scope(), type, id, version);
  }

  @Override
  public void append(UUID id, ExpectedVersion expected, List<?> events) {
    append((Object) id, expected, events);
  }

  @Override
  public void append(String id, ExpectedVersion expected, List<?> events) {
    append((Object) id, expected, events);
  }

  private void append(Object id, ExpectedVersion expected, List<?> events) {
    queue(id, expected, events, null);
  }

  @Override
  public boolean update(UUID id, Function<? super A, ? extends List<?>> decide) {
    return update((Object) id, decide);
  }

  @Override
  public boolean update(String id, Function<? super A, ? extends List<?>> decide) {
    return update((Object) id, decide);
  }

  private boolean update(Object id, Function<? super A, ? extends List<?>> decide) {
    String stream = parts.keys().key(id);
    Loaded<A> loaded = parts.load(session.scope(), type, stream, Long.MAX_VALUE);
    if (loaded == null || loaded.state() == null) {
      throw new AggregateNotFoundException(type.type(), stream);
    }
    List<?> events = decide.apply(loaded.state());
    if (events == null || events.isEmpty()) {
      return false;
    }
    queue(stream, ExpectedVersion.exactly(loaded.version()), events, loaded);
    return true;
  }

  private void queue(Object id, ExpectedVersion expected, List<?> events, Loaded<A> base) {
    if (type.needsWorkAfter(expected, events.size())) {
      appends.append(id, expected, AppendOptions.NONE, events,
          new WorkAfterAppend<>(type, parts.loader(), parts.snapshots(), base));
    } else {
      appends.append(parts.keys().key(id), expected, AppendOptions.NONE, events);
    }
  }
}
