package io.rillflow.internal.aggregates;

import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.events.AppendOptions;
import io.rillflow.aggregates.AggregateForWrite;
import io.rillflow.events.AppendResult;
import io.rillflow.DocumentSession;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.aggregates.AggregateNotFoundException;
import io.rillflow.aggregates.SessionAggregates;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.UUID;

/**
 * {@link io.rillflow.DocumentStore#aggregates(Class)}. An append that needs no work after it (no
 * snapshot due, not inline, no invariants) is the event store's plain one-statement append; any
 * other runs in a unit of work of its own, so the work after it shares the append's transaction.
 */
final class DefaultAggregateRepository<A> implements AggregateRepository<A> {
  private final AggregateType<A> type;
  private final Aggregates.Parts parts;

  DefaultAggregateRepository(AggregateType<A> type, Aggregates.Parts parts) {
    this.type = type;
    this.parts = parts;
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
    return parts.state(parts.scope(), type, id, version);
  }

  @Override
  public AppendResult append(UUID id, ExpectedVersion expected, List<?> events) {
    return append((Object) id, expected, events);
  }

  @Override
  public AppendResult append(String id, ExpectedVersion expected, List<?> events) {
    return append((Object) id, expected, events);
  }

  private AppendResult append(Object id, ExpectedVersion expected, List<?> events) {
    return append(id, expected, events, null);
  }

  @Override
  public AggregateForWrite<A> loadForWrite(UUID id) {
    return loadForWrite((Object) id);
  }

  @Override
  public AggregateForWrite<A> loadForWrite(String id) {
    return loadForWrite((Object) id);
  }

  private AggregateForWrite<A> loadForWrite(Object id) {
    String stream = parts.keys().key(id);
    Loaded<A> loaded = parts.load(type, stream, Long.MAX_VALUE);
    return new AggregateForWrite<>() {
      @Override
      public Optional<A> state() {
        return loaded == null ? Optional.empty() : Optional.ofNullable(loaded.state());
      }

      @Override
      public long version() {
        return loaded == null ? 0 : loaded.version();
      }

      @Override
      public AppendResult append(List<?> events) {
        return DefaultAggregateRepository.this.append(stream, expected(), events, loaded);
      }
    };
  }

  @Override
  public Optional<AppendResult> update(UUID id, Function<? super A, ? extends List<?>> decide) {
    return update((Object) id, decide);
  }

  @Override
  public Optional<AppendResult> update(String id, Function<? super A, ? extends List<?>> decide) {
    return update((Object) id, decide);
  }

  private Optional<AppendResult> update(Object id, Function<? super A, ? extends List<?>> decide) {
    AggregateForWrite<A> current = loadForWrite(id);
    A state = current.state().orElseThrow(() -> new AggregateNotFoundException(type.type(), parts.keys().key(id)));
    List<?> events = decide.apply(state);
    if (events == null || events.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(current.append(events));
  }

  private AppendResult append(Object id, ExpectedVersion expected, List<?> events, Loaded<A> base) {
    if (!type.needsWorkAfter(expected, events.size())) {
      return parts.store().events().append(parts.keys().key(id), expected, AppendOptions.NONE, events);
    }
    try (DocumentSession session = parts.store().lightweightSession()) {
      WorkAfterAppend<A> work = new WorkAfterAppend<>(type, parts.loader(), parts.snapshots(), base);
      parts.bound(session).appends().append(id, expected, AppendOptions.NONE, events, work);
      session.saveChanges();
      return work.result();
    }
  }

  @Override
  public SessionAggregates<A> in(DocumentSession session) {
    return new SessionAggregateRepository<>(type, parts, parts.bound(session));
  }
}
