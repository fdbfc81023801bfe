package io.rillflow.cli;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.projections.DaemonCluster;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.tenancy.Tenancy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * One node of a distributed cluster of a store with tenants in a JVM of its own: the tenants'
 * daemon ({@code store.tenants().daemon()}) over {@code projections} {@link NodeLedger}s named
 * {@code ledger-0...}, until SIGTERM. Arguments: JDBC URL, schema, cluster, node id, lease ms,
 * projections, ms per event, budget (concurrent batches per database), tenancy ({@code schema} for
 * schema per tenant, {@code conjoined}).
 */
public final class TenantNodeMain {
  private TenantNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    String node = args[3];
    int projections = Integer.parseInt(args[5]);
    long millisPerEvent = Long.parseLong(args[6]);
    DocumentStoreBuilder builder = DocumentStore.builder().url(args[0]).schema(args[1]).autoCreate(AutoCreate.NONE)
        .readModels(false)
        .tenancy((args[8].equals("conjoined") ? Tenancy.conjoined() : Tenancy.schemaPerTenant())
            .concurrentBatchesPerDatabase(Integer.parseInt(args[7])))
        .projectionOptions(ProjectionOptions.defaults().nodeId(node).batchSize(20).pollInterval(Duration.ofMillis(50))
            .leaseDuration(Duration.ofMillis(Long.parseLong(args[4]))).cluster(DaemonCluster.distributed(args[2])));
    for (int i = 0; i < projections; i++) {
      builder.projection("ledger-" + i, ProjectionLifecycle.ASYNC, new NodeLedger(node, millisPerEvent));
    }
    DocumentStore store = builder.build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      store.close();
      stopped.countDown();
    }));
    store.tenants().daemon().start();
    System.out.println("tenant daemon started on " + node);
    stopped.await();
  }
}
