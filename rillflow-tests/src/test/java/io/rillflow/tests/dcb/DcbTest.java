package io.rillflow.tests.dcb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.events.AppendCondition;
import io.rillflow.events.AppendConditionException;
import io.rillflow.events.AppendResult;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventQuery;
import io.rillflow.events.EventQueryResult;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.OrderShipped;
import io.rillflow.tests.events.RawSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Dynamic Consistency Boundaries: tags, queries, conditional appends, what waits for what. */
class DcbTest extends RillflowTestBase {

  private static EventQuery course(String id) {
    return EventQuery.anyOf(EventQuery.item().types(CourseDefined.class, StudentSubscribed.class).tag("course", id));
  }

  @Test
  void tagsAreStoredWithTheEventAndQueriesMatchTypesOrAndTagsAnd() {
    EventStore events = store().events();
    events.append("course-a", ExpectedVersion.noStream(), new CourseDefined("a", 2));
    events.append("course-b", ExpectedVersion.noStream(), new CourseDefined("b", 2));
    events.append("sub-1", ExpectedVersion.noStream(), new StudentSubscribed("a", new StudentId("ada")));
    events.append("sub-2", ExpectedVersion.noStream(), new StudentSubscribed("b", new StudentId("ada")));
    events.append("order-1", ExpectedVersion.noStream(), new OrderShipped("1", "DHL"));

    assertThat(RawSql.column(store(), "SELECT tag FROM rf_event_tags ORDER BY seq_id, tag"))
        .containsExactly("course:a", "course:b", "course:a", "student:ada", "course:b", "student:ada");
    assertThat(data(events.query(course("a")))).containsExactly(new CourseDefined("a", 2),
        new StudentSubscribed("a", new StudentId("ada")));
    // Tags AND within an item.
    assertThat(data(events.query(EventQuery.anyOf(EventQuery.item().tag("course", "b").tag("student", "ada")))))
        .containsExactly(new StudentSubscribed("b", new StudentId("ada")));
    // Types OR, items OR; an item of types alone reads untagged events too.
    assertThat(data(events.query(EventQuery.anyOf(EventQuery.item().types(CourseDefined.class).tag("course", "b"),
        EventQuery.item().types(OrderShipped.class))))).containsExactly(new CourseDefined("b", 2),
        new OrderShipped("1", "DHL"));
    assertThat(events.query(EventQuery.anyOf(EventQuery.item())).events()).hasSize(5);
  }

  @Test
  void anAppendFailsNamingTheMatchingEventsThatArrivedAfterItsCheckpoint() {
    EventStore events = store().events();
    events.append("course-a", ExpectedVersion.noStream(), new CourseDefined("a", 2));
    EventQueryResult read = events.query(course("a"));
    AppendCondition condition = AppendCondition.failIfEventsMatch(course("a")).after(read.checkpoint());

    AppendResult first = events.append(condition, new StudentSubscribed("a", new StudentId("ada")));
    // Another course's events do not conflict.
    events.append(AppendCondition.failIfEventsMatch(course("b")).after(read.checkpoint()),
        new CourseDefined("b", 1));

    assertThatThrownBy(() -> events.append(condition, new StudentSubscribed("a", new StudentId("bob"))))
        .isInstanceOfSatisfying(AppendConditionException.class,
            e -> assertThat(e.positions()).containsExactly(first.lastPosition()));
    assertThat(events.query(course("a")).events()).hasSize(2);
    // With no checkpoint, any matching event fails it.
    assertThatThrownBy(() -> events.append(AppendCondition.failIfEventsMatch(course("b")), new CourseDefined("b", 9)))
        .isInstanceOf(AppendConditionException.class);
    assertThat(events.query(course("a")).checkpoint()).isGreaterThan(read.checkpoint());
  }

  @Test
  void aStoreWithoutInlineProjectionsAppendsTaggedEventsToo() {
    try (DocumentStore plain = DocumentStore.builder().dataSource(store().dataSource()).schema(store().schemaName())
        .readModels(false).build()) {
      plain.events().append("course-a", ExpectedVersion.noStream(), new CourseDefined("a", 2));
      plain.events().append(AppendCondition.failIfEventsMatch(course("b")), new CourseDefined("b", 2));
      assertThat(plain.events().query(EventQuery.anyOf(EventQuery.item().types(CourseDefined.class)))
          .events()).hasSize(2);
    }
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_event_tags")).isEqualTo(2);
  }

  @Test
  void conditionsNeedTagsAndQueriesNeedEvents() {
    assertThatThrownBy(() -> AppendCondition.failIfEventsMatch(EventQuery.anyOf(
        EventQuery.item().types(CourseDefined.class)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a tag");
    assertThatThrownBy(() -> store().events().query(EventQuery.anyOf(EventQuery.item().types(String.class))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String in an event query");
  }

  @Test
  void aSessionAppendsUnderItsConditionWithStreamAppendsAndAllOrNothing() {
    EventStore events = store().events();
    EventQueryResult read = events.query(course("a"));
    events.append("course-a", ExpectedVersion.noStream(), new CourseDefined("a", 2));

    try (DocumentSession session = store().openSession()) {
      session.events().append("order-9", ExpectedVersion.noStream(), new OrderShipped("9", "UPS"));
      session.events().append(AppendCondition.failIfEventsMatch(course("a")).after(read.checkpoint()),
          new StudentSubscribed("a", new StudentId("ada")));
      assertThatThrownBy(session::saveChanges).isInstanceOf(AppendConditionException.class);
    }
    assertThat(events.readStream("order-9")).isEmpty();

    try (DocumentSession session = store().openSession()) {
      session.events().append("order-9", ExpectedVersion.noStream(), new OrderShipped("9", "UPS"));
      session.events().append(AppendCondition.failIfEventsMatch(course("a")).after(events.query(course("a"))
          .checkpoint()), new StudentSubscribed("a", new StudentId("ada")));
      session.saveChanges();
    }
    assertThat(events.readStream("order-9")).hasSize(1);
    assertThat(events.query(course("a")).events()).hasSize(2);
  }

  @Test
  void anOverlappingAppendWaitsForAnOpenOneAndADisjointOneDoesNot() throws Exception {
    EventStore events = store().events();
    Checkpoint start = events.query(course("a")).checkpoint();
    try (Connection open = store().dataSource().getConnection()) {
      open.setAutoCommit(false);
      try (DocumentSession session = store().openSession(open)) {
        session.events().append(AppendCondition.failIfEventsMatch(course("a")).after(start),
            new StudentSubscribed("a", new StudentId("ada")));
        session.saveChanges();
      }
      // Course b shares no tag with the open transaction: it never waits.
      events.append(AppendCondition.failIfEventsMatch(course("b")).after(start), new CourseDefined("b", 3));

      CompletableFuture<AppendResult> racer = CompletableFuture.supplyAsync(() -> events.append(
          AppendCondition.failIfEventsMatch(course("a")).after(start), new StudentSubscribed("a", new StudentId("bob"))));
      DcbLocks.awaitWaiters(store(), 1);
      assertThat(racer).isNotDone();
      open.commit();

      assertThatThrownBy(() -> racer.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(AppendConditionException.class);
    }
    assertThat(data(events.query(course("a")))).containsExactly(new StudentSubscribed("a", new StudentId("ada")));
  }

  @Test
  void aKilledHolderLeavesNothingAndLetsTheWaiterIn() throws Exception {
    EventStore events = store().events();
    Checkpoint start = events.query(course("a")).checkpoint();
    CompletableFuture<AppendResult> racer;
    Connection open = store().dataSource().getConnection();
    try {
      open.setAutoCommit(false);
      try (DocumentSession session = store().openSession(open)) {
        session.events().append(AppendCondition.failIfEventsMatch(course("a")).after(start),
            new StudentSubscribed("a", new StudentId("ada")));
        session.saveChanges();
      }
      racer = CompletableFuture.supplyAsync(() -> events.append(
          AppendCondition.failIfEventsMatch(course("a")).after(start), new StudentSubscribed("a", new StudentId("bob"))));
      DcbLocks.awaitWaiters(store(), 1);
      DcbLocks.terminate(store(), DcbLocks.pid(open));
      assertThat(racer.get(60, TimeUnit.SECONDS).count()).isEqualTo(1);
    } finally {
      try {
        open.close();
      } catch (SQLException expected) {
        // The pool's rollback on a connection the server ended fails: that is the point of the test.
      }
    }
    assertThat(data(events.query(course("a")))).containsExactly(new StudentSubscribed("a", new StudentId("bob")));
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_event_tags WHERE tag = 'student:ada'")).isZero();
  }

  private static java.util.List<Object> data(EventQueryResult result) {
    return result.events().stream().<Object>map(EventEnvelope::data).toList();
  }
}
