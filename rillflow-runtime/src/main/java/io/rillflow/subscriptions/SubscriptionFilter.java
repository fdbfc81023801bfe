package io.rillflow.subscriptions;

import java.util.Objects;
import java.util.Set;

/**
 * Which events a subscription delivers, and from where: event type names ({@code @Event(name)}),
 * stream types (the {@code streamType} the streams were appended with) and a {@link SubscriptionStart}.
 * An empty set means any. A tenant's subscriptions are made on {@code store.forTenant(id).subscriptions()},
 * which delivers only that tenant's events, in every mode of tenancy (with {@code Tenancy.conjoined()} too,
 * where one schema holds every tenant's events): the tenant's store is the filter. {@link #tenant(String)}
 * is therefore refused by {@code create} in every mode, naming {@code forTenant}: there are no subscriptions
 * across tenants (a tenanted store's own {@code subscriptions()} throws {@code TenantRequiredException}),
 * because a subscription's groups, checkpoints and parked events belong to one tenant, go with its
 * {@code drop} and {@code export}, and never show one tenant's events to another's consumers.
 *
 * <pre>{@code
 * store.subscriptions().create("emails", SubscriptionFilter.allEvents()
 *     .eventTypes("OrderPlaced", "OrderShipped")
 *     .startAt(SubscriptionStart.now()));
 * }</pre>
 *
 * @param eventTypes the stored type names to deliver; empty for every type
 * @param streamTypes the stream types to deliver from; empty for every stream
 * @param tenant {@code null}; a tenant here is refused by {@code create} (see above)
 * @param start where the subscription begins
 */
public record SubscriptionFilter(Set<String> eventTypes, Set<String> streamTypes, String tenant, SubscriptionStart start) {

  /** Copies the sets; checks that no part is missing. */
  public SubscriptionFilter {
    eventTypes = Set.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
    streamTypes = Set.copyOf(Objects.requireNonNull(streamTypes, "streamTypes"));
    Objects.requireNonNull(start, "start");
  }

  /** Every event, from the beginning. */
  public static SubscriptionFilter allEvents() {
    return new SubscriptionFilter(Set.of(), Set.of(), null, SubscriptionStart.beginning());
  }

  /** Only events of these stored type names. */
  public SubscriptionFilter eventTypes(String... names) {
    return new SubscriptionFilter(Set.of(names), streamTypes, tenant, start);
  }

  /** Only events of streams of these stream types. */
  public SubscriptionFilter streamTypes(String... names) {
    return new SubscriptionFilter(eventTypes, Set.of(names), tenant, start);
  }

  /**
   * Only events of this tenant: refused by {@code create} in every mode (see above); use
   * {@code store.forTenant(id).subscriptions()}, which is this tenant's and delivers only its events.
   */
  public SubscriptionFilter tenant(String id) {
    return new SubscriptionFilter(eventTypes, streamTypes, Objects.requireNonNull(id, "tenant"), start);
  }

  /** Starting here. */
  public SubscriptionFilter startAt(SubscriptionStart where) {
    return new SubscriptionFilter(eventTypes, streamTypes, tenant, where);
  }

  /** Whether an event of this type, in a stream of this type (may be {@code null}), passes. */
  public boolean matches(String eventType, String streamType) {
    return (eventTypes.isEmpty() || eventTypes.contains(eventType))
        && (streamTypes.isEmpty() || (streamType != null && streamTypes.contains(streamType)));
  }
}
