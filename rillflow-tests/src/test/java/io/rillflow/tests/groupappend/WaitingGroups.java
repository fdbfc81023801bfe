package io.rillflow.tests.groupappend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import javax.sql.DataSource;

/** What group append is waiting on, seen from outside: callers parked on their group, statements on a lock. */
final class WaitingGroups {
  private WaitingGroups() {}

  /** The live group append threads of the stores on {@code schema} (a tenanted store's root schema). */
  static int threads(String schema) {
    String prefix = "rillflow-group-append-" + schema + "-";
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
  }

  /** Waits (30 s at most) until {@code callers} threads wait for their group's outcome. */
  static void awaitCallers(int callers) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      long waiting = Thread.getAllStackTraces().entrySet().stream()
          .filter(e -> e.getKey().getState() == Thread.State.WAITING
              && Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().endsWith("GroupAppender")))
          .count();
      if (waiting >= callers) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("fewer than " + callers + " callers waited in a group within 30 s");
  }

  /** Waits (60 s at most) until a group statement on {@code schema} waits on a row lock. */
  static void awaitOnALock(DataSource data, String schema) throws Exception {
    if (!onALock(data, schema, false)) {
      throw new AssertionError("no group statement on " + schema + " waited on a lock within 60 s");
    }
  }

  /** Terminates the backend of a group statement on {@code schema} that waits on a row lock (60 s at most). */
  static void terminateOnALock(DataSource data, String schema) throws Exception {
    if (!onALock(data, schema, true)) {
      throw new AssertionError("no group statement on " + schema + " waited on a lock within 60 s to terminate");
    }
  }

  private static boolean onALock(DataSource data, String schema, boolean terminate) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Connection admin = data.getConnection();
        PreparedStatement find = admin.prepareStatement("SELECT " + (terminate ? "pg_terminate_backend(pid)" : "pid")
            + " FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            + " AND query LIKE ?")) {
      find.setString(1, "%rf_append_ticket()%unnest%" + schema + "%");
      while (System.nanoTime() < deadline) {
        try (ResultSet found = find.executeQuery()) {
          if (found.next()) {
            return true;
          }
        }
        Thread.sleep(20);
      }
    }
    return false;
  }
}
