package io.rillflow.tests.groupappend;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.GroupAppendOptions;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.Attempted;
import io.rillflow.tests.events.RawSql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Sixteen writers race through group append on a few shared streams, with conflicts injected (an
 * expected version that can never hold, {@code noStream()} on streams that exist) beside the
 * natural ones, and keyed appends (which bypass the groups) racing the groups for the same streams, while a global reader follows the store: every acknowledged append is stored whole
 * at the version it was told, every failed one is absent, each stream's versions run 1..N, and the
 * reader sees every event exactly once.
 */
class GroupAppendRaceTest extends RillflowTestBase {
  private static final int THREADS = 16;
  private static final int STREAMS = 12;
  private static final Duration DURATION = Duration.ofSeconds(6);

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.maximumPoolSize(THREADS).groupAppends(GroupAppendOptions.enabled().maxGroupSize(8));
  }

  @Test
  void racingGroupedAppendsKeepEveryAcknowledgedAppendAndNoFailedOne() throws Exception {
    Map<String, AppendResult> acknowledged = new ConcurrentHashMap<>();
    Set<String> failed = ConcurrentHashMap.newKeySet();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    List<Long> seen = new ArrayList<>();
    pool.execute(() -> follow(seen, writing, unexpected));
    for (int t = 0; t < THREADS; t++) {
      String thread = "t" + t;
      pool.execute(() -> {
        try {
          start.await();
          Map<String, Long> known = new HashMap<>();
          long deadline = System.nanoTime() + DURATION.toNanos();
          for (int n = 0; System.nanoTime() < deadline; n++) {
            String attempt = thread + "-" + n;
            String stream = "race-" + ThreadLocalRandom.current().nextInt(STREAMS);
            long version = known.getOrDefault(stream, 0L);
            int dice = ThreadLocalRandom.current().nextInt(10);
            ExpectedVersion expected = dice == 0 ? ExpectedVersion.exactly(1_000_000 + n)
                : dice == 1 ? ExpectedVersion.noStream() : version == 0 ? ExpectedVersion.noStream()
                : ExpectedVersion.exactly(version);
            // A keyed append bypasses the groups: it races them for the same stream rows.
            AppendOptions options = dice == 2 ? AppendOptions.builder().idempotencyKey(attempt).build()
                : AppendOptions.NONE;
            try {
              AppendResult result = store().events().append(stream, expected, options,
                  new Attempted(attempt, 1), new Attempted(attempt, 2));
              acknowledged.put(attempt, result);
              known.put(stream, result.version());
            } catch (ConcurrencyException e) {
              failed.add(attempt);
              known.put(stream, e.actualVersion());
            }
          }
        } catch (Throwable e) {
          unexpected.add(e);
        }
      });
    }
    start.countDown();
    long until = System.nanoTime() + DURATION.toNanos() + TimeUnit.SECONDS.toNanos(120);
    while (acknowledgedAndFailedStillGrowing(pool, until)) {
      Thread.sleep(100);
    }
    writing.set(false);
    pool.shutdown();
    assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

    assertThat(unexpected).isEmpty();
    assertThat(acknowledged).as("some appends won").isNotEmpty();
    assertThat(failed).as("conflicts happened").isNotEmpty();
    List<String> rows = RawSql.column(store(), "SELECT stream_id || ' ' || version || ' ' || (data->>'attempt') || ' '"
        + " || (data->>'part') || ' ' || seq_id FROM rf_events ORDER BY stream_id, version");
    assertThat(rows).hasSize(2 * acknowledged.size());
    Set<String> stored = new HashSet<>();
    String stream = null;
    long expectedVersion = 0;
    for (int i = 0; i < rows.size(); i += 2) {
      String[] first = rows.get(i).split(" ");
      String[] second = rows.get(i + 1).split(" ");
      if (!first[0].equals(stream)) {
        stream = first[0];
        expectedVersion = 0;
      }
      // Gapless versions per stream, each append's two events side by side at the version it was told.
      assertThat(Long.parseLong(first[1])).isEqualTo(++expectedVersion);
      assertThat(Long.parseLong(second[1])).isEqualTo(++expectedVersion);
      assertThat(second[0]).isEqualTo(stream);
      assertThat(first[3]).isEqualTo("1");
      assertThat(second[3]).isEqualTo("2");
      assertThat(second[2]).isEqualTo(first[2]);
      AppendResult result = acknowledged.get(first[2]);
      assertThat(result).as("stored attempt %s was acknowledged", first[2]).isNotNull();
      assertThat(result.streamId()).isEqualTo(stream);
      assertThat(result.version()).isEqualTo(Long.parseLong(second[1]));
      assertThat(result.lastPosition()).isEqualTo(Long.parseLong(second[4]));
      stored.add(first[2]);
    }
    assertThat(stored).isEqualTo(acknowledged.keySet());
    assertThat(RawSql.count(store(), "SELECT count(DISTINCT tx_id) FROM rf_events"))
        .as("appends were grouped: fewer transactions than appends").isLessThan(acknowledged.size());
    assertThat(stored).doesNotContainAnyElementsOf(failed);
    // The global reader, following the safe point while groups committed, saw each event once.
    List<Long> all = RawSql.column(store(), "SELECT seq_id FROM rf_events ORDER BY seq_id").stream()
        .map(Long::valueOf).toList();
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(new HashSet<>(all));
  }

  private static boolean acknowledgedAndFailedStillGrowing(ExecutorService pool, long until) {
    return System.nanoTime() < until && ((java.util.concurrent.ThreadPoolExecutor) pool).getActiveCount() > 1;
  }

  /** Reads the global order while the writers write, then to the end. */
  private void follow(List<Long> seen, AtomicBoolean writing, ConcurrentLinkedQueue<Throwable> unexpected) {
    try {
      Checkpoint after = Checkpoint.START;
      boolean last = false;
      while (true) {
        boolean stillWriting = writing.get();
        List<EventEnvelope<?>> batch = store().events().readAll(after, 500);
        for (EventEnvelope<?> envelope : batch) {
          seen.add(envelope.position());
          after = envelope.checkpoint();
        }
        if (batch.isEmpty()) {
          if (last) {
            return;
          }
          // One more empty read after the writers stopped: everything committed is below the safe point.
          last = !stillWriting;
          Thread.sleep(20);
        }
      }
    } catch (Throwable e) {
      unexpected.add(e);
    }
  }
}
