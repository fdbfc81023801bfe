package io.rillflow.aggregates;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.UUID;

/**
 * An {@code @Aggregate} type's streams: load its state (the fold of the stream's events through its
 * {@code @Apply} handlers), append to it, or load, decide and append in one call. From
 * {@link DocumentStore#aggregates(Class)}; thread-safe; each writing call is its own transaction.
 * Use {@link #in(DocumentSession)} to append in a unit of work.
 *
 * <pre>{@code
 * AggregateRepository<Order> orders = store.aggregates(Order.class);
 * orders.append(orderId, ExpectedVersion.noStream(), new OrderPlaced(orderId, customerId, total));
 * Optional<Order> order = orders.load(orderId);
 * orders.update(orderId, o -> o.shipped() ? List.of() : List.of(new OrderShipped(orderId, "DHL")));
 * }</pre>
 *
 * <p><b>Stream ids</b> are those of {@link EventStore}: a {@code UUID} or a {@code String}.
 *
 * <p><b>Events without a handler</b> are skipped, unless the aggregate is
 * {@code @Aggregate(strict = true)}: then loading fails, naming the event type and the stream.
 *
 * <p><b>Snapshots</b> ({@code @Aggregate(snapshotEvery = N)}): an append through this repository
 * that takes the stream past a multiple of N also writes the state as a snapshot, in the same
 * transaction; a load starts from the newest snapshot and folds only the events after it. A snapshot
 * written by a different shape of the class (another compiled fingerprint of its fields and handled
 * events) or that no longer reads as the class is ignored, the state folded from the first event,
 * and the snapshot written again.
 *
 * <p><b>{@code Lifecycle.INLINE}</b>: the aggregate class is also a {@code @Document} whose id is the
 * stream id; every append through this repository also stores the new state as that document, in
 * the same transaction, so it can be queried like any document. A failed append writes neither.
 * {@code Lifecycle.ASYNC} leaves the document to the projection daemon.
 *
 * <p><b>Invariants</b>: when the aggregate class implements {@link ValidatedAggregate}, every
 * append through this repository folds the new state and calls
 * {@link ValidatedAggregate#validate()} before the commit; a failure writes nothing and throws
 * {@link InvariantViolationException}.
 *
 * @param <A> the aggregate type
 */
public interface AggregateRepository<A> {

  /** The state at the stream's newest version; empty when the stream does not exist (or no handler created a state). */
  default Optional<A> load(UUID id) {
    return load(id, Long.MAX_VALUE);
  }

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  default Optional<A> load(String id) {
    return load(id, Long.MAX_VALUE);
  }

  /** The state as it was at {@code version}: the fold of the stream's events 1 to {@code version}. */
  Optional<A> load(UUID id, long version);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  Optional<A> load(String id, long version);

  /**
   * Appends {@code events} to the stream if it is as {@code expected}; see
   * {@link EventStore#append(UUID, ExpectedVersion, Object...)}. Writes the aggregate's snapshot,
   * inline document and invariant check in the same transaction when it has them.
   *
   * @throws ConcurrencyException when the stream is not as expected; nothing was written
   */
  default AppendResult append(UUID id, ExpectedVersion expected, Object... events) {
    return append(id, expected, List.of(events));
  }

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  default AppendResult append(String id, ExpectedVersion expected, Object... events) {
    return append(id, expected, List.of(events));
  }

  /** Appends a list of events; see {@link #append(UUID, ExpectedVersion, Object...)}. */
  AppendResult append(UUID id, ExpectedVersion expected, List<?> events);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  AppendResult append(String id, ExpectedVersion expected, List<?> events);

  /**
   * Loads the state to decide on, with its stream version: its {@code append} writes at that version
   * or fails with {@link ConcurrencyException}.
   */
  AggregateForWrite<A> loadForWrite(UUID id);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  AggregateForWrite<A> loadForWrite(String id);

  /**
   * Loads the state, asks {@code decide} for the events that follow from it, and appends them at
   * the version loaded: if anyone appended in between, nothing is written and
   * {@link ConcurrencyException} is thrown (there is no retry: load and decide again). {@code decide}
   * always receives a state: a stream is created by {@link #append(UUID, ExpectedVersion, Object...)}
   * with {@link ExpectedVersion#noStream()}, and a decision that may create or continue one starts
   * from {@link #loadForWrite(UUID)}, whose state is an {@code Optional}.
   *
   * @return what was appended; empty when {@code decide} returned no event
   * @throws AggregateNotFoundException when there is no state (no stream, or no event created one);
   *     {@code decide} was not called and nothing was written
   */
  Optional<AppendResult> update(UUID id, Function<? super A, ? extends List<?>> decide);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  Optional<AppendResult> update(String id, Function<? super A, ? extends List<?>> decide);

  /**
   * This repository inside a unit of work: loads read the store, appends are queued and written by
   * {@link DocumentSession#saveChanges()} with the session's other changes.
   *
   * @throws IllegalArgumentException when the session does not belong to this store
   */
  SessionAggregates<A> in(DocumentSession session);
}
