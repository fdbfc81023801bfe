package io.rillflow.internal.subscriptions;

import io.rillflow.events.Checkpoint;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.subscriptions.GroupStatus;
import io.rillflow.subscriptions.ParkedEvent;
import io.rillflow.subscriptions.PendingEvents;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionInfo;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.SubscriptionStart;
import io.rillflow.subscriptions.Subscriptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** {@link io.rillflow.DocumentStore#subscriptions()}: dispatches to the catalog, the group admin, and members. */
public final class DefaultSubscriptions implements Subscriptions, AutoCloseable {
  private static final int MAX_PARTITIONS = 1024;

  private final DataSource dataSource;
  private final DefaultEventStore events;
  private final PartitionSql sql;
  private final SubscriptionCatalog catalog;
  private final GroupAdmin admin;
  private final PendingReads pending;
  private final StoreTracing tracing;
  /** The members this store started, closed with it. */
  private final Set<MemberHandle> members = ConcurrentHashMap.newKeySet();

  /**
   * @param events the event store of the same store: a conjoined tenant's reads only that tenant's events
   * @param tenant a conjoined tenant, whose subscriptions these are (see {@link PartitionSql}), or
   *     {@link TenantFilter#NONE}
   */
  public DefaultSubscriptions(DataSource dataSource, String schema, DefaultEventStore events, StoreTracing tracing,
      TenantFilter tenant) {
    this.dataSource = dataSource;
    this.tracing = tracing;
    this.events = events;
    this.sql = new PartitionSql(schema, tenant);
    this.catalog = new SubscriptionCatalog(dataSource, sql);
    this.admin = new GroupAdmin(dataSource, sql);
    this.pending = new PendingReads(dataSource, sql, events);
  }

  @Override
  public boolean create(String name, SubscriptionFilter filter) {
    return create(name, filter, DEFAULT_PARTITIONS);
  }

  @Override
  public boolean create(String name, SubscriptionFilter filter, int partitions) {
    checkName(name);
    Objects.requireNonNull(filter, "filter");
    if (partitions < 1 || partitions > MAX_PARTITIONS) {
      throw new IllegalArgumentException("A subscription has 1 to " + MAX_PARTITIONS + " partitions, not " + partitions);
    }
    if (filter.tenant() != null) {
      // A tenant's events are read through the tenant's own store (schema, database or conjoined tenant):
      // the store is the filter.
      throw new IllegalArgumentException("Subscription " + name + " names tenant " + filter.tenant()
          + ", but a filter cannot choose a tenant: with tenancy, create it on store.forTenant(\""
          + filter.tenant() + "\").subscriptions(), which delivers only that tenant's events; a store with no tenancy"
          + " has no tenants");
    }
    SubscriptionStart start = filter.start();
    // "Now": after every event below the safe point read now; anything above it is still to come.
    Checkpoint from = start.isNow() ? new Checkpoint(events.safePoint(), 0) : start.checkpoint();
    return catalog.create(name, filter, partitions, from);
  }

  @Override
  public Optional<SubscriptionInfo> find(String name) {
    return catalog.find(checkName(name));
  }

  @Override
  public List<SubscriptionInfo> list() {
    return catalog.list();
  }

  @Override
  public boolean delete(String name) {
    return catalog.delete(checkName(name));
  }

  @Override
  public SubscriptionHandle subscribe(String name, SubscriptionOptions options, SubscriptionHandler handler) {
    Objects.requireNonNull(handler, "handler");
    GroupMember member = join(name, options);
    PushMember[] self = new PushMember[1];
    PushMember push = new PushMember(name, options, member, handler,
        new RequeuedEvents(dataSource, sql, name, options.group()), () -> members.remove(self[0]), tracing);
    self[0] = push;
    members.add(push);
    push.start();
    return push;
  }

  @Override
  public PullSubscription pull(String name, SubscriptionOptions options) {
    GroupMember member = join(name, options);
    PullMember[] self = new PullMember[1];
    PullMember pull = new PullMember(name, options, member, () -> members.remove(self[0]));
    self[0] = pull;
    members.add(pull);
    return pull;
  }

  private GroupMember join(String name, SubscriptionOptions options) {
    Objects.requireNonNull(options, "options");
    SubscriptionInfo info = catalog.find(checkName(name)).orElseThrow(() -> new IllegalArgumentException(
        "No subscription is named \"" + name + "\"; create it first. Subscriptions: "
            + list().stream().map(SubscriptionInfo::name).toList()));
    catalog.joinGroup(name, options.group(), options.maxInFlight());
    PartitionLeases leases = new PartitionLeases(dataSource, sql, name, options.group(), options.memberId(),
        options.leaseDuration().toMillis());
    return new GroupMember(name, info.filter(), info.partitions(), options, leases, events);
  }

  @Override
  public List<String> groups(String subscription) {
    return admin.groups(checkName(subscription));
  }

  @Override
  public GroupStatus groupStatus(String subscription, String group) {
    return admin.status(checkName(subscription), Objects.requireNonNull(group, "group"));
  }

  @Override
  public void setMaxInFlight(String subscription, String group, int maxInFlight) {
    admin.setMaxInFlight(checkName(subscription), Objects.requireNonNull(group, "group"), maxInFlight);
  }

  @Override
  public void seek(String subscription, String group, Checkpoint checkpoint) {
    admin.seek(checkName(subscription), Objects.requireNonNull(group, "group"),
        Objects.requireNonNull(checkpoint, "checkpoint"));
  }

  @Override
  public PendingEvents pending(String subscription, String group, Checkpoint after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
    }
    SubscriptionInfo info = catalog.find(checkName(subscription)).orElseThrow(() -> new IllegalArgumentException(
        "No subscription is named \"" + subscription + "\"; subscriptions: "
            + list().stream().map(SubscriptionInfo::name).toList()));
    return pending.read(info, Objects.requireNonNull(group, "group"), after, limit);
  }

  @Override
  public List<ParkedEvent> parked(String subscription, String group) {
    return admin.parked(checkName(subscription), Objects.requireNonNull(group, "group"));
  }

  @Override
  public boolean requeue(long parkedId) {
    return admin.requeue(parkedId);
  }

  @Override
  public boolean deleteParked(long parkedId) {
    return admin.deleteParked(parkedId);
  }

  /** Closes every member this store started (before its pool closes). */
  @Override
  public void close() {
    for (MemberHandle member : List.copyOf(members)) {
      member.close();
    }
    members.clear();
  }

  private static String checkName(String name) {
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new IllegalArgumentException("A subscription's name must not be blank");
    }
    return name;
  }
}
