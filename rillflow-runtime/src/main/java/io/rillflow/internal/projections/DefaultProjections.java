package io.rillflow.internal.projections;

import io.rillflow.spi.RegisteredProjection;
import io.micrometer.core.instrument.MeterRegistry;
import io.rillflow.projections.DaemonClusters;
import io.rillflow.projections.DeadLetter;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.projections.Projections;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.tracing.StoreTracing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.rillflow.internal.sql.TenantFilter;
import javax.sql.DataSource;

/** {@link io.rillflow.DocumentStore#projections()}: builds the daemon and its runners once, when the store starts. */
public final class DefaultProjections implements Projections {
  private final List<RegisteredProjection> registered;
  private final DefaultProjectionDaemon daemon;
  private final DeadLetterRows deadLetters;
  private final DefaultDaemonClusters clusters;
  private final TenantShards shards;

  public DefaultProjections(List<RegisteredProjection> registered, DataSource dataSource, String schema,
      DefaultEventStore events, SessionOpener sessions, ProjectionOptions options, MeterRegistry meters,
      StoreTracing tracing) {
    this(registered, dataSource, schema, events, sessions, options, meters, tracing, TenantFilter.NONE);
  }

  /** @param tenant a conjoined tenant, whose projections have rows, checkpoints and dead letters of their own */
  public DefaultProjections(List<RegisteredProjection> registered, DataSource dataSource, String schema,
      DefaultEventStore events, SessionOpener sessions, ProjectionOptions options, MeterRegistry meters,
      StoreTracing tracing, TenantFilter tenant) {
    this.registered = List.copyOf(registered);
    ProjectionSql sql = new ProjectionSql(schema, tenant);
    this.deadLetters = new DeadLetterRows(dataSource, sql);
    LeaseRows leases = new LeaseRows(dataSource, sql, options.nodeId(), options.leaseDuration().toMillis());
    Map<String, ProjectionRunner> runners = new LinkedHashMap<>();
    long async = registered.stream().filter(p -> p.lifecycle() == ProjectionLifecycle.ASYNC).count();
    // Room for every runner's batch of a round and as many again, for runners a round or so behind.
    SharedReads reads = new SharedReads(events, options.batchSize(), (int) Math.min(64, 2 * async + 2));
    for (RegisteredProjection projection : registered) {
      if (projection.lifecycle() == ProjectionLifecycle.ASYNC) {
        runners.put(projection.name(), new ProjectionRunner(projection, events, dataSource, leases, deadLetters,
            sessions, options, new ProjectionMetrics(meters, projection.name()), tracing, reads));
      }
    }
    DaemonNodeRows nodes = new DaemonNodeRows(dataSource, schema);
    ClusterMember member = options.cluster().clustered()
        ? new ClusterHeartbeat(nodes, options.cluster(), options.nodeId(), options.leaseDuration().toMillis(), meters)
        : ClusterMember.NONE;
    this.clusters = new DefaultDaemonClusters(nodes, member);
    this.shards = options.cluster().clustered() ? new TenantShards(member) : TenantShards.ALL;
    this.daemon = new DefaultProjectionDaemon(this.registered, runners,
        new ProjectionAdmin(dataSource, sql, deadLetters, sessions), new StatusReader(dataSource, sql), options,
        dataSource, schema, member, reads, new ParallelSteps(options.parallelism(), "rillflow-projections-" + schema));
  }

  /** Every projection this store runs, the read models' included. */
  public List<RegisteredProjection> registered() {
    return registered;
  }

  /** The inline ones, for the append hook. */
  public static List<RegisteredProjection> inline(List<RegisteredProjection> registered) {
    return registered.stream().filter(p -> p.lifecycle() == ProjectionLifecycle.INLINE).toList();
  }

  @Override
  public ProjectionDaemon daemon() {
    return daemon;
  }

  /**
   * This store's cluster as the tenants' daemon uses it: which (projection, tenant) pairs this node
   * steps. Meant for the store of the store's own schema, whose own daemon does not run under tenancy.
   */
  public TenantShards shards() {
    return shards;
  }

  @Override
  public DaemonClusters clusters() {
    return clusters;
  }

  @Override
  public List<String> names() {
    return registered.stream().map(RegisteredProjection::name).toList();
  }

  @Override
  public List<DeadLetter> deadLetters(String projection) {
    // A typo would otherwise read as "no dead letters": refuse it the way rebuild() does.
    List<String> async = registered.stream().filter(p -> p.lifecycle() == ProjectionLifecycle.ASYNC)
        .map(RegisteredProjection::name).toList();
    if (!async.contains(Objects.requireNonNull(projection, "projection"))) {
      throw new IllegalArgumentException("No async projection is named \"" + projection + "\"; async projections: "
          + async);
    }
    return deadLetters.list(projection);
  }

  @Override
  public boolean requeue(long deadLetterId) {
    return deadLetters.requeue(deadLetterId);
  }

  @Override
  public boolean delete(long deadLetterId) {
    return deadLetters.delete(deadLetterId);
  }

  /** Stops the daemon: the store is closing. */
  public void close() {
    daemon.close();
  }
}
