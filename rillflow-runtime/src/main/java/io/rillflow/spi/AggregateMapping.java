package io.rillflow.spi;

import io.rillflow.events.EventEnvelope;
import io.rillflow.annotations.Lifecycle;
import java.util.List;

/**
 * How one {@code @Aggregate} type folds its events, generated as {@code <Type>_Aggregate}: a switch
 * on the stored event type name that calls the typed {@code @Apply} handler, with no reflection.
 * Holds no per-store state.
 *
 * <pre>{@code
 * // generated for @Aggregate record Order(...) with @Apply static Order create(OrderPlaced e)
 * registry.aggregate(Order_Aggregate.INSTANCE);
 * Order state = Order_Aggregate.INSTANCE.apply(null, placedEnvelope);
 * }</pre>
 *
 * @param <A> the aggregate type
 */
public interface AggregateMapping<A> {

  /** The aggregate class. */
  Class<A> aggregateType();

  /** The event classes that have a handler, each the current class of its type name. */
  List<Class<?>> eventTypes();

  /** {@code @Aggregate(snapshotEvery)}: a snapshot every this many events; 0 never. */
  default int snapshotEvery() {
    return 0;
  }

  /** {@code @Aggregate(lifecycle)}. */
  default Lifecycle lifecycle() {
    return Lifecycle.LIVE;
  }

  /** {@code @Aggregate(strict)}: an event without a handler fails the load instead of being skipped. */
  default boolean strict() {
    return false;
  }

  /**
   * A fingerprint of the aggregate's stored shape (its fields and the events it handles), computed
   * at compile time: a snapshot written with another fingerprint is ignored and rebuilt.
   */
  default int snapshotSchema() {
    return 0;
  }

  /**
   * The state before the first event: a new instance from the no-argument constructor, or
   * {@code null} when the first state comes from a {@code static create} handler.
   */
  A initial();

  /**
   * The state after {@code event}: the handler's result, or {@code state} itself after a mutating
   * handler or for an event type without a handler.
   *
   * @param state the state so far; {@code null} before any handler created one
   */
  A apply(A state, EventEnvelope<?> event);

  /**
   * {@code state}, checked: an instance handler needs a state to run on.
   *
   * @throws IllegalStateException when no earlier event created one
   */
  default A existing(A state, EventEnvelope<?> event) {
    if (state == null) {
      String simple = aggregateType().getSimpleName();
      throw new IllegalStateException(simple + " of stream " + event.streamId() + " has no state for event "
          + event.type() + " at version " + event.version() + ": no earlier event created one; give " + simple
          + " a no-argument constructor or an @Apply static " + simple + " create(" + event.type() + ")");
    }
    return state;
  }

  /** {@code event} typed for a handler that takes an {@code EventEnvelope<E>}. */
  @SuppressWarnings("unchecked")
  static <E> EventEnvelope<E> typed(EventEnvelope<?> event, Class<E> type) {
    return (EventEnvelope<E>) event;
  }
}
