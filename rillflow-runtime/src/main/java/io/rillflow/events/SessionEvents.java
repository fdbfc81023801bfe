package io.rillflow.events;

import io.rillflow.DocumentSession;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The appends of a unit of work: queued here, written by {@link DocumentSession#saveChanges()} in
 * the same transaction as the session's document changes, before them. If any append or document
 * change fails, nothing of the session is written and every queued change stays queued.
 *
 * <pre>{@code
 * try (DocumentSession session = store.openSession()) {
 *   session.store(order);
 *   session.events().append(order.id(), ExpectedVersion.noStream(), new OrderPlaced(order.id(), total));
 *   session.saveChanges();     // both or neither
 * }
 * }</pre>
 *
 * <p>The checks and failures are those of {@link EventStore#append(String, ExpectedVersion,
 * AppendOptions, List)}, raised by {@code saveChanges()}; events are serialized when written.
 */
public interface SessionEvents {

  /** Queues an append; see {@link EventStore#append(UUID, ExpectedVersion, Object...)}. */
  default void append(UUID streamId, ExpectedVersion expected, Object... events) {
    append(streamId, expected, AppendOptions.NONE, Arrays.asList(events));
  }

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  default void append(String streamId, ExpectedVersion expected, Object... events) {
    append(streamId, expected, AppendOptions.NONE, Arrays.asList(events));
  }

  /** Queues an append with options; see {@link AppendOptions}. */
  default void append(UUID streamId, ExpectedVersion expected, AppendOptions options, Object... events) {
    append(streamId, expected, options, Arrays.asList(events));
  }

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  default void append(String streamId, ExpectedVersion expected, AppendOptions options, Object... events) {
    append(streamId, expected, options, Arrays.asList(events));
  }

  /** Queues an append of a list of events. */
  void append(UUID streamId, ExpectedVersion expected, AppendOptions options, List<?> events);

  /** As the {@code UUID} form, for a stream keyed by a {@code String}. */
  void append(String streamId, ExpectedVersion expected, AppendOptions options, List<?> events);

  /**
   * Queues an append under a Dynamic Consistency Boundary condition, as a new stream; see
   * {@link EventStore#append(AppendCondition, Object...)}. {@code saveChanges()} checks the condition
   * in the unit of work's transaction and fails with {@link AppendConditionException}, writing nothing.
   */
  default void append(AppendCondition condition, Object... events) {
    append(condition, Arrays.asList(events));
  }

  /** As {@link #append(AppendCondition, Object...)}, for a list of events. */
  void append(AppendCondition condition, List<?> events);

  /** How many appends are queued. */
  int pendingAppends();

  /**
   * Options every later append of this session starts from (the store's defaults until changed):
   * headers, causation and correlation ids an append leaves unset are taken from them.
   *
   * @throws IllegalArgumentException when they hold an idempotency key or a stream type
   */
  void defaults(AppendOptions defaults);

  /** The options this session's appends start from. */
  AppendOptions defaults();
}
