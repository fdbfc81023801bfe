package io.rillflow.projections;

/**
 * When a {@link Projection} runs.
 *
 * <pre>{@code
 * builder.projection("order-totals", ProjectionLifecycle.INLINE, new OrderTotals());
 * }</pre>
 */
public enum ProjectionLifecycle {
  /**
   * Inside the transaction that appends the events ({@code saveChanges()} or
   * {@code store.events().append(...)}): the read model is never behind, and a failing projection
   * fails the append.
   */
  INLINE,
  /** By the {@link ProjectionDaemon}, after the append commits, in global order. */
  ASYNC
}
