package io.rillflow.tests.dcb;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.AppendConditionException;
import io.rillflow.events.Decision;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.RawSql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The DCB specification's course subscription example raced by 16 threads: a course's capacity and a
 * student's course limit both span streams, and neither is ever exceeded; every append that lost a
 * race failed with the positions of the events it had not seen.
 */
class DcbRaceTest extends RillflowTestBase {
  private final List<AppendConditionException> conflicts = new CopyOnWriteArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();

  @Test
  void sixteenStudentsRacingForFiveSeatsFillExactlyFive() throws Exception {
    EventStore events = store().events();
    events.append("course-c1", ExpectedVersion.noStream(), new CourseDefined("c1", 5));

    Map<String, String> outcomes = race(16, t -> subscribe(events, "c1", "s" + t));

    assertThat(outcomes.values().stream().filter("subscribed"::equals).count()).isEqualTo(5);
    assertThat(outcomes.values().stream().filter("course full"::equals).count()).isEqualTo(11);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_event_tags WHERE tag = 'course:c1'"
        + " AND type = 'StudentSubscribed'")).isEqualTo(5);
    assertThat(Enrolment.read(events, "c1", "nobody").state().courseSubscriptions()).isEqualTo(5);
    everyConflictNamesEventsOfItsQuery("c1", null);
  }

  @Test
  void oneStudentRacingIntoSixteenCoursesGetsThreeOfThem() throws Exception {
    EventStore events = store().events();
    for (int c = 0; c < 16; c++) {
      events.append("course-k" + c, ExpectedVersion.noStream(), new CourseDefined("k" + c, 10));
    }

    Map<String, String> outcomes = race(16, t -> subscribe(events, "k" + t, "ada"));

    assertThat(outcomes.values().stream().filter("subscribed"::equals).count()).isEqualTo(Enrolment.STUDENT_LIMIT);
    assertThat(outcomes.values().stream().filter("student limit"::equals).count())
        .isEqualTo(16 - Enrolment.STUDENT_LIMIT);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_event_tags WHERE tag = 'student:ada'"))
        .isEqualTo(Enrolment.STUDENT_LIMIT);
    everyConflictNamesEventsOfItsQuery(null, "ada");
  }

  /** Subscribes, retrying after each conflict, until subscribed or refused. */
  private String subscribe(EventStore events, String course, String student) {
    while (true) {
      Decision<Enrolment> decision = Enrolment.read(events, course, student);
      String refusal = decision.state().refusal();
      if (refusal != null) {
        return refusal;
      }
      attempts.incrementAndGet();
      try {
        decision.append(events, new StudentSubscribed(course, new StudentId(student)));
        return "subscribed";
      } catch (AppendConditionException e) {
        conflicts.add(e);
      }
    }
  }

  private void everyConflictNamesEventsOfItsQuery(String course, String student) {
    long subscribed = RawSql.count(store(), "SELECT count(*) FROM rf_events WHERE type = 'StudentSubscribed'");
    assertThat(attempts.get()).isEqualTo(subscribed + conflicts.size());
    for (AppendConditionException conflict : conflicts) {
      assertThat(conflict.positions()).isNotEmpty();
      assertThat(conflict.getMessage()).contains("positions " + conflict.positions());
      String positions = conflict.positions().stream().map(String::valueOf).collect(Collectors.joining(","));
      String tag = course != null ? "course:" + course : "student:" + student;
      // Each position named is a committed event carrying the tag both racers' queries share.
      assertThat(RawSql.count(store(), "SELECT count(DISTINCT seq_id) FROM rf_event_tags WHERE seq_id IN ("
          + positions + ") AND tag = '" + tag + "'")).isEqualTo(conflict.positions().size());
    }
  }

  private interface Attempt {
    String run(int thread) throws Exception;
  }

  private static Map<String, String> race(int threads, Attempt attempt) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      Map<String, String> outcomes = new ConcurrentHashMap<>();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          outcomes.put("t" + thread, attempt.run(thread));
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
