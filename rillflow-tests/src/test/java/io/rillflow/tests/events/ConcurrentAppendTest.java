package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.AppendResult;
import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many writers race on one stream with exact expected versions: every append that succeeded is
 * there whole, every one that failed wrote nothing, and versions run 1..N without gap or repeat.
 */
class ConcurrentAppendTest extends RillflowTestBase {
  private static final int THREADS = 16;
  // The issue asks for ten seconds of contention; it costs CI ten seconds.
  private static final Duration DURATION = Duration.ofSeconds(10);

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.maximumPoolSize(THREADS);
  }

  @Test
  void racingExactAppendsLeaveAGaplessStreamOfExactlyTheSuccessfulAppends() throws Exception {
    ConcurrentLinkedQueue<AppendResult> successes = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> succeeded = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    for (int t = 0; t < THREADS; t++) {
      String thread = "t" + t;
      pool.execute(() -> {
        try {
          start.await();
          long deadline = System.nanoTime() + DURATION.toNanos();
          long known = 0;
          for (int n = 0; System.nanoTime() < deadline; n++) {
            String attempt = thread + "-" + n;
            try {
              AppendResult result = store().events().append("contended", ExpectedVersion.exactly(known),
                  new Attempted(attempt, 1), new Attempted(attempt, 2));
              successes.add(result);
              succeeded.add(attempt);
              known = result.version();
            } catch (ConcurrencyException e) {
              failed.add(attempt);
              known = e.actualVersion();
            }
          }
        } catch (Throwable e) {
          unexpected.add(e);
        }
      });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(DURATION.toSeconds() + 60, TimeUnit.SECONDS)).isTrue();

    assertThat(unexpected).isEmpty();
    assertThat(succeeded).as("some appends won").isNotEmpty();
    assertThat(failed).as("the writers really raced").isNotEmpty();
    List<String> rows = RawSql.column(store(), "SELECT version || ' ' || (data->>'attempt') || ' ' || (data->>'part')"
        + " FROM rf_events WHERE stream_id = 'contended' ORDER BY version");
    int count = rows.size();
    assertThat(count).isEqualTo(2 * succeeded.size());
    Set<String> attemptsInTable = new HashSet<>();
    for (int i = 0; i < count; i += 2) {
      String[] firstEvent = rows.get(i).split(" ");
      String[] secondEvent = rows.get(i + 1).split(" ");
      // Versions 1..N with no gap or repeat, and each append's two events side by side.
      assertThat(firstEvent[0]).isEqualTo(String.valueOf(i + 1));
      assertThat(secondEvent[0]).isEqualTo(String.valueOf(i + 2));
      assertThat(firstEvent[2]).isEqualTo("1");
      assertThat(secondEvent[2]).isEqualTo("2");
      assertThat(secondEvent[1]).isEqualTo(firstEvent[1]);
      attemptsInTable.add(firstEvent[1]);
    }
    assertThat(attemptsInTable).isEqualTo(new HashSet<>(succeeded));
    assertThat(attemptsInTable).doesNotContainAnyElementsOf(failed);
    List<Long> reported = new ArrayList<>();
    successes.forEach(result -> reported.add(result.version()));
    assertThat(reported).doesNotHaveDuplicates().hasSize(succeeded.size());
    assertThat(store().events().streamState("contended").orElseThrow().version()).isEqualTo(count);
  }
}
