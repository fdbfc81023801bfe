package io.rillflow.projections;

import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import java.util.List;

/**
 * Turns events into a read model. Registered by name on the
 * {@link DocumentStoreBuilder#projection(String, ProjectionLifecycle, Projection) store builder},
 * either {@link ProjectionLifecycle#INLINE inline} (applied inside the transaction that appends the
 * events) or {@link ProjectionLifecycle#ASYNC async} (applied by the
 * {@link ProjectionDaemon daemon}, in global order, with the read model and the checkpoint committed
 * in one transaction).
 *
 * <pre>{@code
 * final class OrderTotals implements Projection {
 *   public void apply(EventEnvelope<?> event, ProjectionContext context) {
 *     if (event.data() instanceof OrderPlaced placed) {
 *       context.session().store(new OrderTotal(placed.orderId(), placed.total()));
 *     }
 *   }
 *   public void clear(ProjectionContext context) throws Exception {
 *     try (var s = context.connection().createStatement()) { s.execute("DELETE FROM doc_order_total"); }
 *   }
 * }
 * DocumentStore store = DocumentStore.builder()...
 *     .projection("order-totals", ProjectionLifecycle.ASYNC, new OrderTotals())
 *     .build();
 * }</pre>
 *
 * <p>Write the read model only through the {@link ProjectionContext}: its session and connection are
 * the transaction that also moves the projection's checkpoint, so a crash leaves both or neither.
 * An async projection is called from one thread at a time per store; an inline one from every
 * appending thread, concurrently, so it keeps no state of its own between calls.
 */
public interface Projection {

  /**
   * Applies one event. An exception rolls back this event's work only; the daemon retries it with
   * backoff and, after the last try, moves it to the dead letters and goes on.
   */
  void apply(EventEnvelope<?> event, ProjectionContext context) throws Exception;

  /**
   * Applies a batch of events, in order, in one transaction: what the daemon calls. The default
   * calls {@link #apply} for each event. Override it to work per batch, for example to load every
   * document the batch touches in one query and write each once. When it throws, the daemon rolls
   * the batch back and applies its events one at a time, each in a transaction of its own, to find
   * the failing event; so an override must give the same read model as applying the events one by
   * one.
   */
  default void applyBatch(List<EventEnvelope<?>> events, ProjectionContext context) throws Exception {
    for (EventEnvelope<?> event : events) {
      apply(event, context);
    }
  }

  /**
   * Whether this projection may need events of {@code eventClass}. An inline projection is not run
   * for an append none of whose events it may need, so such an append stays one statement with no
   * transaction around it; an async one is not handed such events (its checkpoint still moves past
   * them). Default: every class, which is always correct; answer {@code false} only for events the
   * projection certainly ignores.
   *
   * <pre>{@code
   * public boolean handles(Class<?> eventClass) {
   *   return eventClass == OrderPlaced.class || eventClass == OrderShipped.class;
   * }
   * }</pre>
   */
  default boolean handles(Class<?> eventClass) {
    return true;
  }

  /**
   * Deletes the read model, before {@link ProjectionDaemon#rebuild(String)} replays every event.
   * Runs in the rebuild's transaction. Default: nothing to delete.
   */
  default void clear(ProjectionContext context) throws Exception {}
}
