package io.rillflow.samples.orders;

import io.rillflow.DocumentSession;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;

/**
 * Keeps an {@link OrderSummary} per order stream. Registered inline, so the summary commits with
 * the append:
 *
 * <pre>{@code
 * builder.projection("order-summaries", ProjectionLifecycle.INLINE, new OrderSummaries());
 * }</pre>
 */
public final class OrderSummaries implements Projection {
  @Override
  public void apply(EventEnvelope<?> event, ProjectionContext context) {
    DocumentSession session = context.session();
    if (event.data() instanceof OrderPlaced placed) {
      session.store(new OrderSummary(placed.orderId(), placed.customerId(), placed.total(), null));
    } else if (event.data() instanceof OrderShipped shipped) {
      session.load(OrderSummary.class, shipped.orderId()).ifPresent(summary -> session.store(
          new OrderSummary(summary.id(), summary.customerId(), summary.total(), shipped.carrier())));
    }
  }
}
