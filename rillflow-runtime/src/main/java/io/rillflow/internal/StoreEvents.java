package io.rillflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.QuerySession;
import io.rillflow.Trace;
import io.rillflow.events.EventStore;
import io.rillflow.internal.events.AppendHook;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.events.GroupWorkers;
import io.rillflow.internal.events.StreamKeys;
import io.rillflow.internal.projections.CommitNotifier;
import io.rillflow.internal.projections.DefaultProjections;
import io.rillflow.internal.projections.InlineProjections;
import io.rillflow.internal.projections.ReadModels;
import io.rillflow.internal.projections.SessionOpener;
import io.rillflow.internal.projections.TenantShards;
import io.rillflow.internal.session.SessionFactory;
import io.rillflow.internal.subscriptions.DefaultSubscriptions;
import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.projections.DaemonCluster;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.spi.RegisteredProjection;
import io.rillflow.spi.StoreSettings;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The event side of one {@link DefaultDocumentStore}: its event store and the projections and
 * subscriptions that read it, built together because the event store's append hook runs the inline
 * projections and its commits wake the daemon.
 */
final class StoreEvents {
  /** Over live streams: what projections, subscriptions and aggregates read. */
  private final DefaultEventStore events;
  /** What the store's {@code events()} hands out: {@link #events}, or its view with the archive. */
  private final EventStore userEvents;
  private final DefaultProjections projections;
  private final DefaultSubscriptions subscriptions;
  /** The threads of group append, the root's, shared with every tenant's store; the root's close stops them. */
  private final GroupWorkers groupWorkers;
  /** Whether this is the root store's. */
  private final boolean root;

  /**
   * @param sessions the store's sessions, whose projection sessions the projections write through
   * @param querySessions the store's query sessions, for the event store's lookups
   * @param replica where the daemon's global reads of events go when the settings send them to the replica
   */
  StoreEvents(StorePlacement placement, DataSource dataSource, ModuleParts parts, ObjectMapper objectMapper,
      StoreSettings settings, SessionFactory sessions, Trace trace, StoreTracing tracing,
      Supplier<QuerySession> querySessions, GroupWorkers groupWorkers, ReadReplica replica) {
    String schema = placement.schema();
    this.groupWorkers = groupWorkers;
    this.root = placement.root();
    // Sessions that projections write through: joined to one transaction, their appends not projected again.
    SessionOpener projectionSessions = new ProjectionSessions(sessions, schema, placement.tenantId(), trace);
    List<RegisteredProjection> registered = settings.readModels()
        ? ReadModels.register(settings.projections(), parts.projections(), parts.aggregates().values(), parts::find)
        : settings.projections();
    List<RegisteredProjection> inline = DefaultProjections.inline(registered);
    this.events = new DefaultEventStore(dataSource, schema, parts.events(), objectMapper, settings.unknownEventTypes(),
        inline.isEmpty() ? AppendHook.NONE : new InlineProjections(inline, projectionSessions),
        inline.size() == registered.size() ? () -> {} : new CommitNotifier(dataSource, schema), trace,
        settings.appendDefaults(), settings.storeWideIdempotencyKeys(), tracing, querySessions,
        groupWorkers,
        settings.readReplica().daemonReadsWait() == null ? null : replica.scope(),
        settings.readReplica().daemonReadsWait() == null ? Duration.ZERO : settings.readReplica().daemonReadsWait(),
        settings.meterRegistry(), settings.archive(), placement.tenant(),
        StreamKeys.of(settings.eventStorage().streamIdentity()));
    this.userEvents = settings.archive().includeArchivedByDefault() ? events.withArchived() : events;
    this.projections = new DefaultProjections(registered, dataSource, schema, events, projectionSessions,
        placement.root() ? settings.projectionOptions() : oneConnectionPerStep(settings.projectionOptions()),
        settings.meterRegistry(), tracing, placement.tenant());
    this.subscriptions = new DefaultSubscriptions(dataSource, schema, events, tracing, placement.tenant());
  }

  /**
   * A tenant's projections step one at a time: the tenants' daemon counts each tenant step as one
   * connection of its budget, which parallel projections inside the step would break. Its view joins
   * no cluster of its own: the tenants' daemon assigns (projection, tenant) pairs through the store's
   * cluster ({@link #tenantShards()}).
   */
  private static ProjectionOptions oneConnectionPerStep(ProjectionOptions options) {
    return options.parallelism(1).cluster(DaemonCluster.single());
  }

  /** The event store over live streams. */
  DefaultEventStore live() {
    return events;
  }

  /** The event store the application gets. */
  EventStore userEvents() {
    return userEvents;
  }

  DefaultProjections projections() {
    return projections;
  }

  /** Which (projection, tenant) pairs this node's tenants' daemon steps, from this (root) store's cluster. */
  TenantShards tenantShards() {
    return projections.shards();
  }

  DefaultSubscriptions subscriptions() {
    return subscriptions;
  }

  /**
   * Stops the daemon, the subscriptions and the event store's group append and, for the root, the
   * group-append threads: before the pool, since the daemon's last batch and lease release need
   * connections.
   */
  void close() {
    projections.close();
    subscriptions.close();
    events.close();
    if (root) {
      // After the tenants' stores closed (their lanes fail what waits), before the pool: a group
      // being written finishes on its connection.
      groupWorkers.close();
    }
  }
}
