package io.rillflow.tests.projections;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A daemon in a JVM of its own, for {@link FrozenHolderTest} to stop ({@code SIGSTOP}) inside a
 * batch: applies {@link Ledger} slowly (50 ms per event after its writes, batches of 20, so a stop
 * lands inside a batch's transaction), and prints what it applied and what failed, for the test
 * to follow. Exits by itself after two minutes. Arguments: JDBC URL, schema.
 */
public final class FreezingDaemonMain {
  static final Duration LEASE = Duration.ofSeconds(2);

  private FreezingDaemonMain() {}

  public static void main(String[] args) throws Exception {
    Ledger ledger = new Ledger() {
      @Override
      public void apply(EventEnvelope<?> event, ProjectionContext context) throws SQLException {
        try {
          super.apply(event, context);
        } catch (SQLException e) {
          System.out.println("apply failed at " + event.position() + ": " + e.getMessage());
          throw e;
        }
        System.out.println("applied " + event.position());
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    try (DocumentStore store = DocumentStore.builder().url(args[0]).schema(args[1]).autoCreate(AutoCreate.NONE)
        .readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, ledger)
        .projectionOptions(ProjectionOptions.defaults().batchSize(20).pollInterval(Duration.ofMillis(50))
            .leaseDuration(LEASE).nodeId("frozen"))
        .build()) {
      store.projections().daemon().start();
      System.out.println("started");
      Thread.sleep(120_000);
    }
  }
}
