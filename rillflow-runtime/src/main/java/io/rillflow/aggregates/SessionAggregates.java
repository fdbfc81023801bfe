package io.rillflow.aggregates;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.events.ExpectedVersion;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.UUID;

/**
 * An {@link AggregateRepository} inside a unit of work: appends (with the aggregate's snapshot,
 * inline document and invariant check) are queued and written by
 * {@link DocumentSession#saveChanges()} in the session's one transaction, before its document
 * changes. Loads read what is committed, not what the session has queued.
 *
 * <pre>{@code
 * try (DocumentSession session = store.openSession()) {
 *   SessionAggregates<Order> orders = store.aggregates(Order.class).in(session);
 *   orders.update(orderId, order -> List.of(new OrderShipped(orderId, "DHL")));
 *   session.store(shipment);
 *   session.saveChanges();      // the events, the snapshot and the shipment, or nothing
 * }
 * }</pre>
 *
 * @param <A> the aggregate type
 */
public interface SessionAggregates<A> {

  /** See {@link AggregateRepository#load(UUID)}. */
  default Optional<A> load(UUID id) {
    return load(id, Long.MAX_VALUE);
  }

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  default Optional<A> load(String id) {
    return load(id, Long.MAX_VALUE);
  }

  /** See {@link AggregateRepository#load(UUID, long)}. */
  Optional<A> load(UUID id, long version);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  Optional<A> load(String id, long version);

  /** Queues an append; {@code saveChanges()} throws {@link ConcurrencyException} if the stream is not as expected. */
  default void append(UUID id, ExpectedVersion expected, Object... events) {
    append(id, expected, List.of(events));
  }

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  default void append(String id, ExpectedVersion expected, Object... events) {
    append(id, expected, List.of(events));
  }

  /** Queues an append of a list of events. */
  void append(UUID id, ExpectedVersion expected, List<?> events);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  void append(String id, ExpectedVersion expected, List<?> events);

  /**
   * Loads the state now, asks {@code decide} for events and queues their append at the version
   * loaded; {@code saveChanges()} throws {@link ConcurrencyException} if the stream moved on.
   *
   * @return whether {@code decide} returned events to queue
   * @throws AggregateNotFoundException when there is no state to decide on; nothing was queued
   */
  boolean update(UUID id, Function<? super A, ? extends List<?>> decide);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  boolean update(String id, Function<? super A, ? extends List<?>> decide);

}
