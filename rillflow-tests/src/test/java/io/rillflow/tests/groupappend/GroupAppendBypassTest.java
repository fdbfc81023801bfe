package io.rillflow.tests.groupappend;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.GroupAppendOptions;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.dcb.CourseDefined;
import io.rillflow.tests.events.Attempted;
import io.rillflow.tests.events.RawSql;
import io.rillflow.tests.projections.StreamTotal;
import io.rillflow.tests.projections.Tick;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The appends a group does not take go alone, each in its own transaction, without waiting for a
 * group: one an inline projection wants (its read model is written in the append's transaction),
 * a tagged (DCB) one, a conditional one, a keyed one. A plain append, meanwhile, waits in its lane
 * for company up to the latency bound, and is written in a transaction of its own group.
 */
class GroupAppendBypassTest extends RillflowTestBase {
  private static final Duration MAX_DELAY = Duration.ofSeconds(10);

  /** Sums ticks inline; other events do not interest it, so their appends may be grouped. */
  static final class TickTotals implements Projection {
    @Override
    public void apply(EventEnvelope<?> event, ProjectionContext context) {
      Tick tick = (Tick) event.data();
      DocumentSession session = context.session();
      StreamTotal total = session.load(StreamTotal.class, event.streamId())
          .orElse(new StreamTotal(event.streamId(), 0, 0));
      session.store(new StreamTotal(total.id(), total.amount() + tick.amount(), total.events() + 1));
    }

    @Override
    public boolean handles(Class<?> eventClass) {
      return eventClass == Tick.class;
    }
  }

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).projection("tick-totals", ProjectionLifecycle.INLINE, new TickTotals())
        .groupAppends(GroupAppendOptions.enabled().lanes(1).maxGroupSize(100).maxDelay(MAX_DELAY));
  }

  @Test
  void projectedTaggedConditionalAndKeyedAppendsGoAloneWhileAPlainOneWaitsForItsGroup() throws Exception {
    long start = System.nanoTime();
    CompletableFuture<AppendResult> plain = CompletableFuture.supplyAsync(() -> store().events().append("plain",
        ExpectedVersion.noStream(), new Attempted("plain", 1)));

    store().events().append("ticks", ExpectedVersion.noStream(), new Tick("ticks", 5));
    // Written with the append, in its transaction: the inline projection ran there.
    assertThat(store().querySession().load(StreamTotal.class, "ticks")).contains(new StreamTotal("ticks", 5, 1));
    store().events().append("course-a", ExpectedVersion.noStream(), new CourseDefined("a", 10));
    store().events().append(AppendCondition.failIfEventsMatch(EventQuery.anyOf(EventQuery.item()
        .types(CourseDefined.class).tag("course", "b"))), new CourseDefined("b", 20));
    store().events().append("keyed", ExpectedVersion.noStream(), AppendOptions.builder().idempotencyKey("k-1").build(),
        new Attempted("keyed", 1));

    assertThat(plain).as("the plain append still waits for company: the others did not join its group").isNotDone();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MAX_DELAY);
    assertThat(plain.get(60, TimeUnit.SECONDS).version()).isEqualTo(1);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events")).isEqualTo(5);
    assertThat(RawSql.count(store(), "SELECT count(DISTINCT tx_id) FROM rf_events")).as("five transactions").isEqualTo(5);
  }
}
