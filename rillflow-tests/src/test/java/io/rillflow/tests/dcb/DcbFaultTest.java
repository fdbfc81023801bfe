package io.rillflow.tests.dcb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendConditionException;
import io.rillflow.events.AppendLockTimeoutException;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.RawSql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conditional appenders that crash, freeze or lose their connection while they hold or wait for the
 * locks of their tags: a killed one ({@code SIGKILL}, in a JVM of its own) leaves nothing half written
 * and frees its locks; a frozen one ({@code SIGSTOP}) stops only the appends that overlap it, and only
 * for their bound; a connection ended by the server fails that append alone, writing nothing.
 */
class DcbFaultTest extends RillflowTestBase {
  private static final Duration HOLD = Duration.ofSeconds(120);

  @BeforeEach
  void courses() {
    store().events().append("course-a", ExpectedVersion.noStream(), new CourseDefined("a", 2));
  }

  private ChildJvm appender(String course, String student, Duration hold) throws Exception {
    return ChildJvm.start(DcbAppenderMain.class, store(), course, student, Long.toString(hold.toMillis()));
  }

  private CompletableFuture<AppendResult> subscribing(String course, String student, Duration lockWait) {
    return CompletableFuture.supplyAsync(() -> {
      AppendCondition condition = Enrolment.read(store().events(), course, student).condition().waitAtMost(lockWait);
      return store().events().append(condition, new StudentSubscribed(course, new StudentId(student)));
    });
  }

  private long tagged(String tag) {
    return RawSql.count(store(), "SELECT count(*) FROM rf_event_tags WHERE tag = '" + tag + "'");
  }

  @Test
  void aConditionalAppenderKilledMidTransactionLeavesNothingAndItsOverlappingWaiterGoesOn() throws Exception {
    CompletableFuture<AppendResult> waiter;
    try (ChildJvm killed = appender("a", "kid", HOLD)) {
      killed.awaitLine("holding", Duration.ofSeconds(60));
      // Another course shares no tag with it: no wait.
      store().events().append(AppendCondition.failIfEventsMatch(Enrolment.query("b", "bea")),
          new CourseDefined("b", 1));
      waiter = subscribing("a", "ada", AppendCondition.DEFAULT_LOCK_WAIT);
      DcbLocks.awaitWaiters(store(), 1);
      assertThat(waiter).isNotDone();
      killed.kill(); // SIGKILL inside its transaction: the server rolls it back and frees its locks
    }
    assertThat(waiter.get(60, TimeUnit.SECONDS).count()).isEqualTo(1);

    assertThat(tagged("student:kid")).as("no tag row of the killed append").isZero();
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events WHERE type = 'StudentSubscribed'"))
        .as("no event of the killed append").isEqualTo(1);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_streams")).as("course-a, course b's, ada's")
        .isEqualTo(3);
    assertThat(Enrolment.read(store().events(), "a", "kid").state().courseSubscriptions()).isEqualTo(1);
  }

  @Test
  void aFrozenConditionalAppenderHoldsOnlyOverlappingAppendsAndOnlyForTheirBound() throws Exception {
    try (ChildJvm frozen = appender("a", "kid", Duration.ofSeconds(3))) {
      frozen.awaitLine("holding", Duration.ofSeconds(60));
      frozen.stop(); // SIGSTOP with its locks held

      long disjointAt = System.nanoTime();
      store().events().append(AppendCondition.failIfEventsMatch(Enrolment.query("b", "bea")),
          new CourseDefined("b", 1));
      System.out.println("disjoint append beside a frozen holder: " + millisSince(disjointAt) + " ms");

      long overlappingAt = System.nanoTime();
      CompletableFuture<AppendResult> overlapping = subscribing("a", "ada", Duration.ofSeconds(2));
      assertThatThrownBy(() -> overlapping.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(AppendLockTimeoutException.class, e -> {
            assertThat(e.tags()).contains("course:a", "student:ada");
            assertThat(e.waited()).isEqualTo(Duration.ofSeconds(2));
            assertThat(e).hasMessageContaining("nothing was written");
          });
      long waited = millisSince(overlappingAt);
      System.out.println("overlapping append gave up after " + waited + " ms (bound 2 s)");
      assertThat(waited).as("its bound, not the holder's freeze").isBetween(1_900L, 30_000L);
      assertThat(tagged("student:ada")).isZero();

      frozen.resume(); // SIGCONT: it commits
      frozen.awaitLine("committed", Duration.ofSeconds(60));
    }
    // The woken holder's subscription counts: one seat left, ada takes it.
    assertThat(subscribing("a", "ada", Duration.ofSeconds(10)).get(60, TimeUnit.SECONDS).count()).isEqualTo(1);
    assertThat(Enrolment.read(store().events(), "a", "ada").state().courseSubscriptions()).isEqualTo(2);
    assertThat(tagged("course:a")).as("course-a, kid, ada").isEqualTo(3);
  }

  @Test
  void aWaiterWhoseConnectionIsKilledFailsAloneWritingNothingAndTheHolderCommits() throws Exception {
    CompletableFuture<AppendResult> waiter;
    try (ChildJvm holder = appender("a", "kid", Duration.ofSeconds(4))) {
      holder.awaitLine("holding", Duration.ofSeconds(60));
      waiter = subscribing("a", "ada", AppendCondition.DEFAULT_LOCK_WAIT);
      DcbLocks.awaitWaiters(store(), 1);
      List<String> waiting = DcbLocks.waiters(store());
      assertThat(waiting).hasSize(1);
      assertThat(DcbLocks.terminate(store(), Long.parseLong(waiting.get(0)))).isTrue();
      assertThatThrownBy(() -> waiter.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(RillflowException.class)
          .isNotInstanceOf(AppendConditionException.class).isNotInstanceOf(AppendLockTimeoutException.class);
      assertThat(holder.isAlive()).as("the holder goes on").isTrue();
      holder.awaitLine("committed", Duration.ofSeconds(60));
    }
    assertThat(tagged("student:ada")).as("nothing of the killed waiter").isZero();
    assertThat(tagged("student:kid")).isEqualTo(1);
    // Its retry reads the holder's event and takes the last seat.
    assertThat(subscribing("a", "ada", Duration.ofSeconds(10)).get(60, TimeUnit.SECONDS).count()).isEqualTo(1);
    assertThat(tagged("course:a")).isEqualTo(3);
  }

  @Test
  void conditionalAppendsRacingWhileBackendsAreKilledNeverOverfillACourseNorHalfWriteAnEvent() throws Exception {
    ExecutorService students = Executors.newFixedThreadPool(6);
    AtomicBoolean killing = new AtomicBoolean(true);
    AtomicInteger killed = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    Thread killer = new Thread(() -> {
      while (killing.get()) {
        try {
          Thread.sleep(40);
        } catch (InterruptedException e) {
          return;
        }
        killed.addAndGet((int) RawSql.count(store(), "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE pid <> pg_backend_pid() AND datname = current_database() AND state <> 'idle'"
            + " AND query LIKE '%\"" + store().schemaName() + "\".%'"));
      }
    }, "backend-killer");
    for (int round = 0; round < 20; round++) {
      store().events().append("course-c" + round, ExpectedVersion.noStream(), new CourseDefined("c" + round, 5));
    }
    int rounds = 0;
    try {
      killer.start();
      // A course per round, until the killer has ended a few appends' backends.
      for (; rounds < 20 && (killed.get() < 3 || rounds == 0); rounds++) {
        String course = "c" + rounds;
        List<Future<String>> outcomes = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
          String student = course + "-s" + s;
          outcomes.add(students.submit(() -> subscribeRetrying(store().events(), course, student, failures)));
        }
        for (Future<String> outcome : outcomes) {
          assertThat(outcome.get(120, TimeUnit.SECONDS)).isIn("subscribed", "course full");
        }
      }
    } finally {
      killing.set(false);
      killer.join();
      students.shutdownNow();
    }
    System.out.println("killed " + killed + " backends in " + rounds + " rounds; " + failures
        + " appends or reads failed with their connection");
    assertThat(killed.get()).as("backends ended mid-work").isGreaterThanOrEqualTo(3);
    for (int round = 0; round < rounds; round++) {
      assertThat(Enrolment.read(store().events(), "c" + round, "nobody").state().courseSubscriptions())
          .as("course c" + round).isEqualTo(5);
    }
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_events WHERE type = 'StudentSubscribed'"))
        .isEqualTo(5L * rounds);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_event_tags WHERE type = 'StudentSubscribed'"))
        .as("each event with both its tags, no tag without its event").isEqualTo(10L * rounds);
  }

  /** Subscribes, deciding again after a conflict or a lost connection, until subscribed or refused. */
  private static String subscribeRetrying(EventStore events, String course, String student, AtomicInteger failures) {
    while (true) {
      try {
        var decision = Enrolment.read(events, course, student);
        if (decision.state().refusal() != null) {
          return decision.state().refusal();
        }
        decision.append(events, new StudentSubscribed(course, new StudentId(student)));
        return "subscribed";
      } catch (AppendConditionException e) {
        // someone else took a seat: decide again
      } catch (RillflowException e) {
        failures.incrementAndGet(); // the connection was ended under it
      }
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
