package io.rillflow.tests.failures;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamLeakTest {

  @Test
  void aStreamDroppedUnclosedGivesItsConnectionBackOnceCollectedAndSaysWhereItWasOpened() throws Exception {
    TestSchema schema = TestSchema.create(TestDatabase.shared(), getClass());
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (DocumentStore store = schema.storeBuilder().build()) {
      try (DocumentSession session = store.lightweightSession()) {
        session.store(new Parcel(UUID.randomUUID(), "a", 1), new Parcel(UUID.randomUUID(), "b", 2));
        session.saveChanges();
      }
      HikariDataSource pool = (HikariDataSource) store.dataSource();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      openAndDropAStream(store);
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("held by the unclosed stream").isEqualTo(1);

      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (pool.getHikariPoolMXBean().getActiveConnections() > 0 && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(50);
      }
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    } finally {
      System.setErr(original);
      schema.drop();
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    original.print(log);
    assertThat(log).contains("WARN").contains("was dropped without close()")
        .contains("The stream was opened here").contains("openAndDropAStream");
  }

  private static void openAndDropAStream(DocumentStore store) {
    // The mistake: findFirst() reads one row and leaves the stream, and its cursor, open.
    assertThat(store.querySession().query(Parcel.class).stream().findFirst()).isPresent();
  }
}
