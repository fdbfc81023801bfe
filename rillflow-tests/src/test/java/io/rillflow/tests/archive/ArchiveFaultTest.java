package io.rillflow.tests.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentStoreBuilder;
import io.rillflow.RillflowException;
import io.rillflow.events.AppendResult;
import io.rillflow.events.ArchiveOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.StreamArchivedException;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.LockWaiters;
import io.rillflow.tests.events.OrderShipped;
import io.rillflow.tests.events.RawSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Archive and unarchive under faults: a mover frozen on a lock and its connection killed, appends
 * racing an archive, a global reader catching up while a stream leaves under it.
 */
class ArchiveFaultTest extends RillflowTestBase {
  private static final int BATCH = 100;

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.archive(ArchiveOptions.DEFAULT.batchSize(BATCH));
  }

  private void appendLong(String stream, int events) {
    List<Object> shipped = IntStream.rangeClosed(1, events).mapToObj(i -> (Object) new OrderShipped(stream, "c" + i)).toList();
    store().events().append(stream, ExpectedVersion.noStream(), io.rillflow.events.AppendOptions.NONE, shipped);
  }

  private List<Long> versions(String table, String stream) {
    return RawSql.column(store(), "SELECT version FROM " + table + " WHERE stream_id = '" + stream + "' ORDER BY version")
        .stream().map(Long::valueOf).toList();
  }

  @Test
  void anArchiveKilledMidMoveLosesNothingShowsAPrefixAndGoesOnWhenCalledAgain() throws Exception {
    appendLong("long", 1000);
    appendLong("other", 3);
    List<EventEnvelope<?>> before = store().events().readStream("long");
    // Frozen at version 500: the mover moved 1000..501 in five batches, then waits on a row lock.
    Throwable failure = cutOff("rf_events", 500, "rf_events_archived", () -> store().events().archiveStream("long"),
        () -> {
          // A hot read sees the first 500 events, a read with the archive all of them; other
          // streams are untouched.
          assertThat(store().events().readStream("long")).isEqualTo(before.subList(0, 500));
          assertThat(store().events().withArchived().readStream("long")).isEqualTo(before);
          assertThat(store().events().append("other", ExpectedVersion.exactly(3), new OrderShipped("o", "x"))
              .version()).isEqualTo(4);
        });
    assertThat(failure).isInstanceOf(RillflowException.class).hasMessageContaining("archiveStream again goes on");
    assertThat(versions("rf_events", "long")).isEqualTo(LongStream.rangeClosed(1, 500).boxed().toList());
    assertThat(versions("rf_events_archived", "long")).isEqualTo(LongStream.rangeClosed(501, 1000).boxed().toList());
    assertThat(store().events().streamState("long").orElseThrow().archived()).isTrue();
    assertThatThrownBy(() -> store().events().append("long", ExpectedVersion.any(), new OrderShipped("l", "x")))
        .isInstanceOf(StreamArchivedException.class);

    assertThat(store().events().archiveStream("long")).isFalse();
    assertThat(versions("rf_events", "long")).isEmpty();
    assertThat(store().events().withArchived().readStream("long")).isEqualTo(before);
  }

  @Test
  void anUnarchiveKilledMidMoveKeepsTheStreamClosedUntilCalledAgain() throws Exception {
    appendLong("long", 1000);
    List<EventEnvelope<?>> before = store().events().readStream("long");
    store().events().archiveStream("long");
    // Back from the oldest: 1..400 in four batches, then the batch holding version 500 waits.
    Throwable failure = cutOff("rf_events_archived", 500, "OVERRIDING SYSTEM VALUE",
        () -> store().events().unarchiveStream("long"),
        () -> assertThat(store().events().readStream("long")).isEqualTo(before.subList(0, 400)));
    assertThat(failure).isInstanceOf(RillflowException.class).hasMessageContaining("unarchiveStream again goes on");
    assertThat(versions("rf_events", "long")).isEqualTo(LongStream.rangeClosed(1, 400).boxed().toList());
    assertThat(store().events().withArchived().readStream("long")).isEqualTo(before);
    // Not writable before every event is back: a new event must not land beside a hole.
    assertThatThrownBy(() -> store().events().append("long", ExpectedVersion.any(), new OrderShipped("l", "x")))
        .isInstanceOf(StreamArchivedException.class);

    assertThat(store().events().unarchiveStream("long")).isTrue();
    assertThat(store().events().readStream("long")).isEqualTo(before);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events_archived")).isZero();
    assertThat(store().events().append("long", ExpectedVersion.exactly(1000), new OrderShipped("l", "x")).version())
        .isEqualTo(1001);
  }

  @Test
  void appendsRacingAnArchiveAreRefusedOrReadableNeverLost() throws Exception {
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<AppendResult> written = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch started = new CountDownLatch(writers * 20);
    try {
      List<Future<?>> loops = new ArrayList<>();
      for (int writer = 0; writer < writers; writer++) {
        int id = writer;
        loops.add(pool.submit(() -> {
          for (int i = 0; ; i++) {
            try {
              written.add(store().events().append("contested", ExpectedVersion.any(),
                  new OrderShipped("w" + id, "e" + i), new OrderShipped("w" + id, "f" + i)));
              started.countDown();
            } catch (StreamArchivedException refused) {
              return;
            }
          }
        }));
      }
      assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(store().events().archiveStream("contested")).isTrue();
      for (Future<?> loop : loops) {
        loop.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long last = written.stream().mapToLong(AppendResult::version).max().orElseThrow();
    assertThat(written).hasSizeGreaterThanOrEqualTo(writers * 20);
    assertThat(store().events().streamState("contested").orElseThrow().version()).isEqualTo(last);
    assertThat(store().events().readStream("contested")).isEmpty();
    List<EventEnvelope<?>> all = store().events().withArchived().readStream("contested");
    assertThat(all).extracting(EventEnvelope::version)
        .isEqualTo(LongStream.rangeClosed(1, last).boxed().toList());
    assertThat(all.size()).isEqualTo(written.size() * 2);
  }

  @Test
  void aReaderCatchingUpWhileAStreamIsArchivedSeesAPrefixOfItAndEverythingElseOnce() throws Exception {
    for (int round = 0; round < 30; round++) {
      for (String stream : List.of("leaving", "staying")) {
        List<Object> shipped = IntStream.range(0, 20).mapToObj(i -> (Object) new OrderShipped(stream, "x")).toList();
        store().events().append(stream, ExpectedVersion.any(), io.rillflow.events.AppendOptions.NONE, shipped);
      }
    }
    io.rillflow.tests.events.SafePoint.await(store());
    List<EventEnvelope<?>> seen = new ArrayList<>();
    CountDownLatch reading = new CountDownLatch(1);
    CompletableFuture<Boolean> archive = CompletableFuture.supplyAsync(() -> {
      try {
        reading.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return store().events().archiveStream("leaving");
    });
    Checkpoint at = Checkpoint.START;
    while (true) {
      List<EventEnvelope<?>> page = store().events().readAll(at, 7);
      reading.countDown();
      if (page.isEmpty() && archive.isDone()) {
        break;
      }
      if (!page.isEmpty()) {
        seen.addAll(page);
        at = page.get(page.size() - 1).checkpoint();
      }
      Thread.sleep(2);
    }
    assertThat(archive.get()).isTrue();
    Set<Long> positions = new HashSet<>();
    seen.forEach(e -> assertThat(positions.add(e.position())).as("seen once: %s", e.position()).isTrue());
    assertThat(seen).filteredOn(e -> e.streamId().equals("staying")).extracting(EventEnvelope::version)
        .isEqualTo(LongStream.rangeClosed(1, 600).boxed().toList());
    List<Long> leaving = seen.stream().filter(e -> e.streamId().equals("leaving")).map(EventEnvelope::version).toList();
    assertThat(leaving).isEqualTo(LongStream.rangeClosed(1, leaving.size()).boxed().toList());
    assertThat(leaving.size()).isLessThan(600);
  }

  /**
   * Runs {@code move} while another transaction holds the row of {@code version} in {@code table}:
   * once the mover waits on it (its statement containing {@code blockedOn}), runs {@code whileFrozen},
   * terminates the mover's backend and returns what the move threw.
   */
  private Throwable cutOff(String table, long version, String blockedOn, Supplier<Boolean> move, Runnable whileFrozen)
      throws Exception {
    try (Connection blocker = store().dataSource().getConnection()) {
      blocker.setAutoCommit(false);
      lockRow(blocker, table, "long", version);
      Future<Boolean> moving = CompletableFuture.supplyAsync(move);
      int mover = LockWaiters.awaitBlockedOn(store(), blockedOn);
      whileFrozen.run();
      kill(mover);
      try {
        moving.get(30, TimeUnit.SECONDS);
        throw new AssertionError("the move finished although its connection was killed");
      } catch (ExecutionException e) {
        return e.getCause();
      } finally {
        blocker.rollback();
      }
    }
  }

  private void lockRow(Connection connection, String table, String stream, long version) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1 FROM \"" + store().schemaName() + "\"." + table + " WHERE stream_id = '" + stream
          + "' AND version = " + version + " FOR UPDATE");
    }
  }

  private void kill(int pid) throws SQLException {
    try (Connection connection = store().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_terminate_backend(" + pid + ")");
    }
  }
}
