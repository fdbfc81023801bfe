package io.rillflow.tests.subscriptions;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.events.ExpectedVersion;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Appends {@link Ping}s whose commits land out of order: several writer threads, each append in a
 * transaction held open for a random few milliseconds, so a later position often commits before an
 * earlier one. Streams get fresh names per call, so calls add up.
 */
final class OutOfOrderWriter {
  private OutOfOrderWriter() {}

  /**
   * Appends {@code perStream} events to each of {@code streams} streams from {@code writers} threads
   * (writer {@code w} takes streams {@code w, w + writers, ...}) and returns how many it appended.
   */
  static int write(DocumentStore store, int writers, int streams, int perStream) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> done = new ArrayList<>();
      int offset = ThreadLocalRandom.current().nextInt(1_000_000);
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(pool.submit(() -> {
          for (int n = 1; n <= perStream; n++) {
            for (int s = writer; s < streams; s += writers) {
              appendHeldOpen(store, "stream-" + offset + "-" + s, n);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return streams * perStream;
    } finally {
      pool.shutdown();
    }
  }

  private static void appendHeldOpen(DocumentStore store, String stream, int n) throws Exception {
    try (Connection connection = store.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (DocumentSession session = store.openSession(connection)) {
        session.events().append(stream, ExpectedVersion.any(), new Ping(stream, n));
        session.saveChanges();
      }
      Thread.sleep(ThreadLocalRandom.current().nextInt(3));
      connection.commit();
    }
  }
}
