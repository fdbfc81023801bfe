package io.rillflow.tests.dcb;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.events.Decision;
import java.sql.Connection;

/**
 * A conditional appender in a JVM of its own, for the tests to kill ({@code SIGKILL}) or freeze
 * ({@code SIGSTOP}) while it holds its locks. Arguments: JDBC URL, schema, course, student, and how
 * many milliseconds to hold the transaction open after the append before committing. It reads the
 * student's {@link Enrolment} decision, appends the subscription under its condition in a unit of work
 * on its own connection, prints "holding", waits, commits and prints "committed".
 */
public final class DcbAppenderMain {
  private DcbAppenderMain() {}

  public static void main(String[] args) throws Exception {
    String course = args[2];
    String student = args[3];
    long holdMillis = Long.parseLong(args[4]);
    try (DocumentStore store = DocumentStore.builder().url(args[0]).schema(args[1]).autoCreate(AutoCreate.NONE)
        .readModels(false).build();
        Connection connection = store.dataSource().getConnection()) {
      Decision<Enrolment> decision = Enrolment.read(store.events(), course, student);
      connection.setAutoCommit(false);
      try (DocumentSession session = store.openSession(connection)) {
        session.events().append(decision.condition(), new StudentSubscribed(course, new StudentId(student)));
        session.saveChanges();
      }
      System.out.println("holding");
      Thread.sleep(holdMillis);
      connection.commit();
      System.out.println("committed");
    }
  }
}
