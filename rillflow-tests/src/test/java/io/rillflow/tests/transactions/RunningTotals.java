package io.rillflow.tests.transactions;

import io.rillflow.DocumentSession;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.tests.projections.StreamTotal;
import io.rillflow.tests.projections.Tick;

/** An inline projection: a StreamTotal per stream, written through the projection's session. */
final class RunningTotals implements Projection {
  @Override
  public void apply(EventEnvelope<?> event, ProjectionContext context) {
    if (event.data() instanceof Tick tick) {
      DocumentSession session = context.session();
      StreamTotal total = session.load(StreamTotal.class, event.streamId())
          .orElse(new StreamTotal(event.streamId(), 0, 0));
      session.store(new StreamTotal(total.id(), total.amount() + tick.amount(), total.events() + 1));
    }
  }
}
