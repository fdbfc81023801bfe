package io.rillflow.tests.tenancy;

import io.rillflow.DocumentSession;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.tests.readmodels.Purchased;
import java.math.BigDecimal;

/** An async projection that sums the purchases of its tenant into one document named after it. */
final class TenantTotals implements Projection {
  private final String name;

  TenantTotals(String name) {
    this.name = name;
  }

  @Override
  public boolean handles(Class<?> eventClass) {
    return eventClass == Purchased.class;
  }

  @Override
  public void apply(EventEnvelope<?> event, ProjectionContext context) {
    if (event.data() instanceof Purchased purchase) {
      DocumentSession session = context.session();
      ProjectionTotal total = session.load(ProjectionTotal.class, name).orElse(new ProjectionTotal(name, 0,
          BigDecimal.ZERO));
      session.store(new ProjectionTotal(name, total.events() + 1, total.amount().add(purchase.amount())));
    }
  }
}
