package io.rillflow.tests.dcb;

import io.rillflow.events.Decision;
import io.rillflow.events.DecisionModel;
import io.rillflow.events.EventQuery;
import io.rillflow.events.EventStore;

/**
 * The DCB specification's course subscription example: a course has a capacity, a student may take
 * at most {@link #STUDENT_LIMIT} courses. Both limits span streams: one decision model over the
 * course's events and the student's.
 */
record Enrolment(boolean courseExists, int capacity, int courseSubscriptions, int studentSubscriptions) {
  static final int STUDENT_LIMIT = 3;
  static final Enrolment NONE = new Enrolment(false, 0, 0, 0);

  static EventQuery query(String courseId, String studentId) {
    return EventQuery.anyOf(
        EventQuery.item().types(CourseDefined.class, StudentSubscribed.class).tag("course", courseId),
        EventQuery.item().types(StudentSubscribed.class).tag("student", studentId));
  }

  static Decision<Enrolment> read(EventStore events, String courseId, String studentId) {
    return DecisionModel.of(query(courseId, studentId), NONE, (Enrolment state, Object event) -> state.apply(event,
        courseId, studentId)).read(events);
  }

  Enrolment apply(Object event, String courseId, String studentId) {
    if (event instanceof CourseDefined defined) {
      return new Enrolment(true, defined.capacity(), courseSubscriptions, studentSubscriptions);
    }
    if (event instanceof StudentSubscribed subscribed) {
      int course = subscribed.courseId().equals(courseId) ? courseSubscriptions + 1 : courseSubscriptions;
      int student = subscribed.student().value().equals(studentId) ? studentSubscriptions + 1 : studentSubscriptions;
      return new Enrolment(courseExists, capacity, course, student);
    }
    return this;
  }

  /** Why the subscription is refused, or null when it is allowed. */
  String refusal() {
    if (!courseExists) {
      return "no such course";
    }
    if (courseSubscriptions >= capacity) {
      return "course full";
    }
    if (studentSubscriptions >= STUDENT_LIMIT) {
      return "student limit";
    }
    return null;
  }
}
