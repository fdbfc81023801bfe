package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.OrderShipped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An inline projection that says which events it handles sees only those, and other appends skip it. */
class InlineInterestTest extends RillflowTestBase {
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  /** Handles ticks only. */
  static final class TickWatcher implements Projection {
    @Override
    public void apply(EventEnvelope<?> event, ProjectionContext context) {
      seen.add(event.type() + "@" + event.version());
    }

    @Override
    public boolean handles(Class<?> eventClass) {
      return eventClass == Tick.class;
    }
  }

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).projection("tick-watcher", ProjectionLifecycle.INLINE, new TickWatcher());
  }

  @BeforeEach
  void forget() {
    seen.clear();
  }

  @Test
  void onlyTheEventsItHandlesReachIt() {
    store().events().append("o", ExpectedVersion.any(), new OrderShipped("o", "DHL"));
    assertThat(seen).isEmpty();

    store().events().append("t", ExpectedVersion.any(), new Tick("t", 1), new OrderShipped("o", "UPS"), new Tick("t", 2));
    assertThat(seen).containsExactly("Tick@1", "Tick@3");

    try (DocumentSession session = store().openSession()) {
      session.events().append("t", ExpectedVersion.exactly(3), new OrderShipped("o", "DPD"), new Tick("t", 3));
      session.saveChanges();
    }
    assertThat(seen).containsExactly("Tick@1", "Tick@3", "Tick@5");
  }
}
