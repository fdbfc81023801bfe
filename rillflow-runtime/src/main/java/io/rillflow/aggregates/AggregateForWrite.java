package io.rillflow.aggregates;

import io.rillflow.ConcurrencyException;
import io.rillflow.events.AppendResult;
import io.rillflow.events.ExpectedVersion;
import java.util.List;
import java.util.Optional;

/**
 * An aggregate's state loaded to decide on, with the stream version it reflects; its appends carry
 * that version as their expectation, so they fail with {@link ConcurrencyException} if anyone
 * appended since (Marten's {@code FetchForWriting}).
 *
 * <pre>{@code
 * AggregateForWrite<Order> order = store.aggregates(Order.class).loadForWrite(orderId);
 * Order state = order.state().orElseThrow();
 * if (!state.shipped()) {
 *   order.append(new OrderShipped(orderId, "DHL"));   // at order.version(), or nothing is written
 * }
 * }</pre>
 *
 * @param <A> the aggregate type
 */
public interface AggregateForWrite<A> {

  /** The state; empty when the stream does not exist (or no handler created a state). */
  Optional<A> state();

  /** The stream version the state reflects; 0 when the stream does not exist. */
  long version();

  /** What an append at this version expects: {@code noStream()} at version 0, else {@code exactly(version)}. */
  default ExpectedVersion expected() {
    return version() == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version());
  }

  /**
   * Appends {@code events} at {@link #version()}, with the aggregate's snapshot, inline document and
   * invariant check in the same transaction.
   *
   * @throws ConcurrencyException when the stream moved on since the load; nothing was written
   */
  default AppendResult append(Object... events) {
    return append(List.of(events));
  }

  /** See {@link #append(Object...)}. */
  AppendResult append(List<?> events);
}
