package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.RillflowException;
import io.rillflow.test.RillflowTestBase;
import org.junit.jupiter.api.Test;

/** Inline projections run in the appending transaction: in saveChanges() and in store.events().append(). */
class InlineProjectionTest extends RillflowTestBase {

  /** Keeps a StreamTotal per stream through the projection's session; refuses a tick of 13. */
  static final class Totals implements Projection {
    @Override
    public void apply(EventEnvelope<?> event, ProjectionContext context) {
      if (!(event.data() instanceof Tick tick)) {
        return;
      }
      if (tick.amount() == 13) {
        throw new IllegalArgumentException("unlucky");
      }
      DocumentSession session = context.session();
      StreamTotal total = session.load(StreamTotal.class, event.streamId())
          .orElse(new StreamTotal(event.streamId(), 0, 0));
      session.store(new StreamTotal(total.id(), total.amount() + tick.amount(), total.events() + 1));
    }
  }

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).projection("totals", ProjectionLifecycle.INLINE, new Totals());
  }

  private StreamTotal total(String id) {
    return store().querySession().load(StreamTotal.class, id).orElseThrow();
  }

  @Test
  void appendOutsideASessionUpdatesTheReadModelInItsTransaction() {
    store().events().append("s", ExpectedVersion.noStream(), new Tick("s", 2), new Tick("s", 3));
    store().events().append("s", ExpectedVersion.exactly(2), new Tick("s", 4));

    assertThat(total("s")).isEqualTo(new StreamTotal("s", 9, 3));
  }

  @Test
  void saveChangesProjectsItsAppendsWithItsDocuments() {
    try (DocumentSession session = store().openSession()) {
      session.events().append("a", ExpectedVersion.noStream(), new Tick("a", 1));
      session.events().append("b", ExpectedVersion.noStream(), new Tick("b", 5), new Tick("b", 6));
      session.saveChanges();
    }

    assertThat(total("a")).isEqualTo(new StreamTotal("a", 1, 1));
    assertThat(total("b")).isEqualTo(new StreamTotal("b", 11, 2));
  }

  @Test
  void aFailingInlineProjectionRollsTheAppendBack() {
    store().events().append("s", ExpectedVersion.noStream(), new Tick("s", 1));

    assertThatThrownBy(() -> store().events().append("s", ExpectedVersion.exactly(1), new Tick("s", 13)))
        .isInstanceOf(RillflowException.class)
        .hasMessageContaining("Inline projection totals failed on Tick at position 2 of stream s");
    try (DocumentSession session = store().lightweightSession()) {
      session.events().append("s", ExpectedVersion.exactly(1), new Tick("s", 2), new Tick("s", 13));
      assertThatThrownBy(session::saveChanges).hasMessageContaining("the append was rolled back");
    }

    assertThat(store().events().readStream("s")).hasSize(1);
    assertThat(total("s")).isEqualTo(new StreamTotal("s", 1, 1));
  }
}
