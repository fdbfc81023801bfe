package io.rillflow.tests.groupappend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentStore;
import io.rillflow.RillflowException;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.GroupAppendOptions;
import io.rillflow.events.IdempotencyConflictException;
import io.rillflow.events.StreamArchivedException;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.test.TestDatabase;
import io.rillflow.tests.events.Attempted;
import io.rillflow.tests.events.RawSql;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Group append's outcomes one by one: each expectation kind written through a group, one refused
 * append beside written ones in the same transaction, a group whose connection is killed (every
 * caller fails, nothing written, the lane goes on), a frozen database (the group's timeout fails
 * it clearly), a store closed with appends waiting, and keyed appends, which bypass groups.
 */
class GroupAppendTest extends RillflowTestBase {

  private DocumentStore grouping(GroupAppendOptions options) {
    TestDatabase database = TestDatabase.shared();
    var builder = DocumentStore.builder().url(database.jdbcUrl());
    if (database.username() != null) {
      builder.username(database.username());
    }
    if (database.password() != null) {
      builder.password(database.password());
    }
    return builder.schema(store().schemaName()).readModels(false).maximumPoolSize(12).groupAppends(options).build();
  }

  @Test
  void everyKindOfExpectationIsCheckedAndWrittenThroughAGroup() {
    try (DocumentStore store = grouping(GroupAppendOptions.enabled())) {
      AppendOptions options = AppendOptions.builder().header("user", "ada").correlationId("c-1").causationId("k-1")
          .build();
      AppendResult created = store.events().append("kinds", ExpectedVersion.noStream(), options,
          new Attempted("a", 1), new Attempted("a", 2));
      assertThat(created.firstVersion()).isEqualTo(1);
      assertThat(created.version()).isEqualTo(2);
      assertThat(store.events().append("kinds", ExpectedVersion.exactly(2), new Attempted("b", 1)).version()).isEqualTo(3);
      assertThat(store.events().append("kinds", ExpectedVersion.streamExists(), new Attempted("c", 1)).version()).isEqualTo(4);
      assertThat(store.events().append("kinds", ExpectedVersion.any(), new Attempted("d", 1)).version()).isEqualTo(5);
      assertThat(store.events().append("fresh", ExpectedVersion.any(), new Attempted("e", 1)).version()).isEqualTo(1);

      assertThatThrownBy(() -> store.events().append("kinds", ExpectedVersion.noStream(), new Attempted("x", 1)))
          .isInstanceOfSatisfying(ConcurrencyException.class, e -> assertThat(e.actualVersion()).isEqualTo(5));
      assertThatThrownBy(() -> store.events().append("kinds", ExpectedVersion.exactly(4), new Attempted("x", 1)))
          .isInstanceOfSatisfying(ConcurrencyException.class, e -> assertThat(e.actualVersion()).isEqualTo(5));
      assertThatThrownBy(() -> store.events().append("missing", ExpectedVersion.streamExists(), new Attempted("x", 1)))
          .isInstanceOf(ConcurrencyException.class);
      store.events().archiveStream("fresh");
      assertThatThrownBy(() -> store.events().append("fresh", ExpectedVersion.any(), new Attempted("x", 1)))
          .isInstanceOf(StreamArchivedException.class);

      List<EventEnvelope<?>> stream = store.events().readStream("kinds");
      assertThat(stream).extracting(EventEnvelope::version).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(stream).extracting(e -> ((Attempted) e.data()).attempt()).containsExactly("a", "a", "b", "c", "d");
      assertThat(stream.get(0).metadata().correlationId()).isEqualTo("c-1");
      assertThat(stream.get(0).metadata().causationId()).isEqualTo("k-1");
      assertThat(stream.get(0).metadata().headers()).containsEntry("user", "ada");
      assertThat(stream.get(1).position()).isEqualTo(created.lastPosition());
      assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events WHERE data->>'attempt' = 'x'")).isZero();
    }
  }

  @Test
  void theLatencyBoundIsWaitedOutOnlyUntilTheLastGroupsWritersAreBack() {
    Duration maxDelay = Duration.ofSeconds(4);
    try (DocumentStore store = grouping(GroupAppendOptions.enabled().lanes(1).maxDelay(maxDelay))) {
      // A new lane knows no cohort: its first group waits out the bound (or fills up).
      long start = System.nanoTime();
      store.events().append("lone", ExpectedVersion.noStream(), new Attempted("first", 1));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(maxDelay);
      // Then a group of one: a lone writer's next appends go at once.
      start = System.nanoTime();
      for (int i = 1; i <= 3; i++) {
        store.events().append("lone", ExpectedVersion.exactly(i), new Attempted("next", i));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(maxDelay);
      assertThat(store.events().readStream("lone")).hasSize(4);
    }
  }

  @Test
  void aRefusedAppendFailsAloneAndTheRestOfItsGroupCommitsInOneTransaction() throws Exception {
    store().events().append("taken", ExpectedVersion.noStream(), new Attempted("old", 1));
    // One lane, room for three, and time to gather them: the three appends form one group.
    try (DocumentStore store = grouping(GroupAppendOptions.enabled().lanes(1).maxGroupSize(3)
        .maxDelay(Duration.ofSeconds(20)))) {
      ExecutorService threads = Executors.newFixedThreadPool(3);
      try {
        Future<AppendResult> one = threads.submit(() -> store.events().append("one", ExpectedVersion.noStream(),
            new Attempted("one", 1)));
        Future<AppendResult> two = threads.submit(() -> store.events().append("two", ExpectedVersion.any(),
            new Attempted("two", 1), new Attempted("two", 2)));
        Future<AppendResult> taken = threads.submit(() -> store.events().append("taken", ExpectedVersion.noStream(),
            new Attempted("new", 1)));
        assertThat(one.get(60, TimeUnit.SECONDS).version()).isEqualTo(1);
        assertThat(two.get(60, TimeUnit.SECONDS).version()).isEqualTo(2);
        assertThatThrownBy(() -> taken.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(ConcurrencyException.class);
      } finally {
        threads.shutdownNow();
      }
    }
    assertThat(RawSql.count(store(), "SELECT count(DISTINCT tx_id) FROM rf_events WHERE stream_id IN ('one', 'two')"))
        .as("one transaction").isEqualTo(1);
    assertThat(RawSql.column(store(), "SELECT data->>'attempt' FROM rf_events WHERE stream_id = 'taken'"))
        .containsExactly("old");
  }

  @Test
  void aGroupWhoseConnectionIsKilledFailsEveryCallerAndWritesNothing() throws Exception {
    int size = 6;
    store().events().append("locked", ExpectedVersion.noStream(), new Attempted("first", 1));
    try (DocumentStore store = grouping(GroupAppendOptions.enabled().lanes(1).maxGroupSize(size)
        .maxDelay(Duration.ofSeconds(20)));
        Connection locker = store().dataSource().getConnection()) {
      // Holds the row of stream "locked": the group's statement waits on it until its backend is killed.
      locker.setAutoCommit(false);
      try (Statement lock = locker.createStatement()) {
        lock.execute("SELECT version FROM \"" + store().schemaName() + "\".rf_streams WHERE stream_id = 'locked' FOR UPDATE");
      }
      ExecutorService threads = Executors.newFixedThreadPool(size);
      List<Future<AppendResult>> appends = new ArrayList<>();
      try {
        appends.add(threads.submit(() -> store.events().append("locked", ExpectedVersion.exactly(1),
            new Attempted("locked", 1))));
        for (int i = 1; i < size; i++) {
          String stream = "victim-" + i;
          appends.add(threads.submit((Callable<AppendResult>) () -> store.events().append(stream,
              ExpectedVersion.noStream(), new Attempted(stream, 1))));
        }
        WaitingGroups.terminateOnALock(store().dataSource(), store().schemaName());
        for (Future<AppendResult> append : appends) {
          assertThatThrownBy(() -> append.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
              .cause().isInstanceOf(RillflowException.class)
              .hasMessageContaining("the connection of its group was lost");
        }
      } finally {
        locker.rollback();
        threads.shutdownNow();
      }
      assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events")).as("only the first event").isEqualTo(1);
      assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_streams")).isEqualTo(1);
      // The lane goes on with a new connection.
      assertThat(store.events().append("locked", ExpectedVersion.exactly(1), new Attempted("after", 1)).version())
          .isEqualTo(2);
    }
  }

  @Test
  void aFrozenDatabaseFailsTheGroupWithinItsTimeoutAndWritesNothing() throws Exception {
    store().events().append("frozen", ExpectedVersion.noStream(), new Attempted("first", 1));
    try (DocumentStore store = grouping(GroupAppendOptions.enabled().lanes(1).maxGroupSize(2)
        .maxDelay(Duration.ofSeconds(20)).timeout(Duration.ofSeconds(1)));
        Connection locker = store().dataSource().getConnection()) {
      // Another transaction holds the stream's row and never lets go: for the group, a frozen database.
      locker.setAutoCommit(false);
      try (Statement lock = locker.createStatement()) {
        lock.execute("SELECT version FROM \"" + store().schemaName() + "\".rf_streams WHERE stream_id = 'frozen' FOR UPDATE");
      }
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        long start = System.nanoTime();
        Future<AppendResult> frozen = threads.submit(() -> store.events().append("frozen", ExpectedVersion.exactly(1),
            new Attempted("frozen", 1)));
        Future<AppendResult> bystander = threads.submit(() -> store.events().append("bystander",
            ExpectedVersion.noStream(), new Attempted("bystander", 1)));
        for (Future<AppendResult> append : List.of(frozen, bystander)) {
          assertThatThrownBy(() -> append.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
              .cause().isInstanceOf(RillflowException.class)
              .hasMessageContaining("did not finish within the group append timeout of PT1S")
              .hasMessageContaining("nothing of the group was written");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the timeout, not the lock")
            .isLessThan(Duration.ofSeconds(15));
      } finally {
        locker.rollback();
        threads.shutdownNow();
      }
      assertThat(RawSql.column(store(), "SELECT stream_id || ':' || (data->>'attempt') FROM rf_events"))
          .containsExactly("frozen:first");
      assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_streams WHERE stream_id = 'bystander'")).isZero();
      // The lock gone, the lane writes again.
      assertThat(store.events().append("frozen", ExpectedVersion.exactly(1), new Attempted("thawed", 1)).version())
          .isEqualTo(2);
    }
  }

  @Test
  void aClosedStoreFailsTheAppendsStillWaitingAndNewOnes() throws Exception {
    DocumentStore store = grouping(GroupAppendOptions.enabled().lanes(1).maxGroupSize(100)
        .maxDelay(Duration.ofMinutes(5)));
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      Future<AppendResult> waiting = threads.submit(() -> store.events().append("waiting", ExpectedVersion.noStream(),
          new Attempted("waiting", 1)));
      // The append waits for company for five minutes; closing the store must not wait for it.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!waitingInAGroup(store) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      store.close();
      assertThatThrownBy(() -> waiting.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(RillflowException.class).hasMessageContaining("store was closed")
          .hasMessageContaining("waiting");
    } finally {
      threads.shutdownNow();
      store.close();
    }
    assertThatThrownBy(() -> store.events().append("later", ExpectedVersion.noStream(), new Attempted("later", 1)))
        .isInstanceOf(RuntimeException.class);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events")).isZero();
  }

  /** Whether the lane thread has taken an append (it then waits for company). */
  private static boolean waitingInAGroup(DocumentStore store) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("rillflow-group-append-" + store.schemaName())
            && t.getState() == Thread.State.TIMED_WAITING)
        && Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getState() == Thread.State.WAITING
            && java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("GroupAppender")));
  }

  @Test
  void noLaneThreadStartsBeforeTheFirstGroupedAppend() {
    try (DocumentStore store = grouping(GroupAppendOptions.enabled().lanes(2))) {
      store.events().append("unkeyed-later", ExpectedVersion.noStream(),
          AppendOptions.builder().idempotencyKey("bypass").build(), new Attempted("keyed", 1));
      assertThat(WaitingGroups.threads(store.schemaName())).as("before the first grouped append").isZero();
      store.events().append("grouped", ExpectedVersion.noStream(), new Attempted("grouped", 1));
      assertThat(WaitingGroups.threads(store.schemaName())).isEqualTo(1);
    }
    assertThat(WaitingGroups.threads(store().schemaName())).as("closing the store stopped it").isZero();
  }

  @Test
  void keyedAppendsBypassGroupsAndKeepTheirKeyCheck() {
    try (DocumentStore store = grouping(GroupAppendOptions.enabled())) {
      AppendOptions keyed = AppendOptions.builder().idempotencyKey("command-1").build();
      store.events().append("keyed", ExpectedVersion.any(), keyed, new Attempted("k", 1));
      assertThatThrownBy(() -> store.events().append("keyed", ExpectedVersion.any(), keyed, new Attempted("k", 2)))
          .isInstanceOf(IdempotencyConflictException.class);
      assertThat(store.events().readStream("keyed")).hasSize(1);
    }
  }
}
