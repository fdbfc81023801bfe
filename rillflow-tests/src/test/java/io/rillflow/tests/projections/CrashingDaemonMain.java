package io.rillflow.tests.projections;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import java.time.Duration;

/**
 * A daemon in a JVM of its own, for {@link DaemonCrashTest} to kill: applies {@link Ledger} slowly
 * (a millisecond per event), so a kill lands in the middle of a batch. Exits by itself after a
 * minute in case nobody kills it. Arguments: JDBC URL, schema.
 */
public final class CrashingDaemonMain {
  private CrashingDaemonMain() {}

  public static void main(String[] args) throws Exception {
    Ledger ledger = new Ledger() {
      @Override
      public void apply(EventEnvelope<?> event, ProjectionContext context) throws java.sql.SQLException {
        super.apply(event, context);
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    try (DocumentStore store = DocumentStore.builder().url(args[0]).schema(args[1]).autoCreate(AutoCreate.NONE)
        .readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, ledger)
        .projectionOptions(ProjectionOptions.defaults().batchSize(50).pollInterval(Duration.ofMillis(50))
            .leaseDuration(Duration.ofSeconds(1)).nodeId("doomed"))
        .build()) {
      store.projections().daemon().start();
      System.out.println("started");
      Thread.sleep(60_000);
    }
  }
}
