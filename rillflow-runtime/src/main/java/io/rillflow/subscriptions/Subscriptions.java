package io.rillflow.subscriptions;

import io.rillflow.events.Checkpoint;
import java.util.List;
import java.util.Optional;

/**
 * The store's subscriptions: named filters over the global order of events, consumed by consumer
 * groups outside the database's transactions (unlike projections, which build read models inside
 * them). From {@link io.rillflow.DocumentStore#subscriptions()}.
 *
 * <p><b>Guarantees.</b> A group's members share its partitions (a stable hash of the stream id over
 * the subscription's fixed number of partitions), each owned through a lease with an epoch. Within a
 * partition, events are delivered in global order {@code (tx_id, seq_id)} below the store's safe
 * point: never one skipped or reordered, whatever commits late; so each stream's events come in
 * order. Delivery is at least once; a transactional acknowledgement makes the effects in PostgreSQL
 * exactly once.
 *
 * <pre>{@code
 * Subscriptions subscriptions = store.subscriptions();
 * subscriptions.create("emails", SubscriptionFilter.allEvents().eventTypes("OrderPlaced"));
 * SubscriptionHandle handle = subscriptions.subscribe("emails",
 *     SubscriptionOptions.defaults().group("mailers"),
 *     (delivery, h) -> mailer.send(delivery.event()));
 * ...
 * handle.close();
 * }</pre>
 */
public interface Subscriptions {

  /** The number of partitions of a subscription created without one. */
  int DEFAULT_PARTITIONS = 16;

  /**
   * Creates a subscription with {@value #DEFAULT_PARTITIONS} partitions, unless one of that name
   * exists.
   *
   * @return whether it was created ({@code false}: it existed, and is left as it was)
   * @throws IllegalArgumentException for a blank name, or a tenant on a store without tenancy
   */
  boolean create(String name, SubscriptionFilter filter);

  /** As {@link #create(String, SubscriptionFilter)}, with this many partitions (1 to 1024). */
  boolean create(String name, SubscriptionFilter filter, int partitions);

  /** The subscription of that name, if any. */
  Optional<SubscriptionInfo> find(String name);

  /** Every subscription, by name. */
  List<SubscriptionInfo> list();

  /**
   * Deletes a subscription with its groups' checkpoints and dead letters. Members still running stop
   * delivering (their partitions are gone).
   *
   * @return whether it existed
   */
  boolean delete(String name);

  /**
   * Joins the subscription's consumer group as a member whose {@code handler} runs on a worker thread
   * of its own until the handle is closed.
   *
   * @throws IllegalArgumentException when no subscription has that name
   */
  SubscriptionHandle subscribe(String name, SubscriptionOptions options, SubscriptionHandler handler);

  /**
   * Joins the subscription's consumer group as a member the caller drives with
   * {@link PullSubscription#poll(int)}.
   *
   * @throws IllegalArgumentException when no subscription has that name
   */
  PullSubscription pull(String name, SubscriptionOptions options);

  /** The names of the subscription's consumer groups. */
  List<String> groups(String subscription);

  /**
   * Where a group stands: checkpoint, head, lag, members and partitions.
   *
   * @throws IllegalArgumentException when the subscription has no such group
   */
  GroupStatus groupStatus(String subscription, String group);

  /**
   * Sets the group's bound on unacknowledged deliveries; its members apply it within a lease
   * renewal. {@code 0} puts the default back.
   */
  void setMaxInFlight(String subscription, String group, int maxInFlight);

  /**
   * Moves every partition of the group to {@code checkpoint} (back to replay, or forward to skip),
   * fencing off the members that held them: they take the partitions again at a new epoch and go on
   * from there.
   */
  void seek(String subscription, String group, Checkpoint checkpoint);

  /**
   * The events the group gets next, read without taking a partition or acknowledging anything: after
   * each partition's checkpoint (the subscription's start for a group that never ran), matching the
   * filter, below the safe point, at most {@code limit}. Parked events the group was asked to redeliver
   * are not among them.
   *
   * @param after {@code null} to begin at the group's checkpoints; else only events after it too (the
   *     {@link PendingEvents#readTo()} of the last call, to follow the subscription)
   * @throws IllegalArgumentException when no subscription has that name, or {@code limit} is below 1
   */
  PendingEvents pending(String subscription, String group, Checkpoint after, int limit);

  /** The group's parked events, oldest first. */
  List<ParkedEvent> parked(String subscription, String group);

  /**
   * Asks the group to deliver a parked event again (after the events it has already delivered, so out
   * of order); acknowledged, it leaves the dead letters.
   *
   * @return whether there was such a parked event
   */
  boolean requeue(long parkedId);

  /**
   * Forgets a parked event: it stays undelivered.
   *
   * @return whether there was such a parked event
   */
  boolean deleteParked(long parkedId);
}
