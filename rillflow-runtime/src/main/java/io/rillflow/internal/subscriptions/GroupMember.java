package io.rillflow.internal.subscriptions;

import io.rillflow.RillflowException;
import io.rillflow.events.EventEnvelope;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.events.RawRow;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.SubscriptionFencedException;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer group: the partitions it holds and what it has handed out of them. Push
 * and pull members drive it the same way: {@link #tick} (heartbeat, renew, rebalance, redeliver what
 * the visibility timeout ran out on), {@link #next} (hand out the next deliveries), acknowledgements,
 * {@link #flush} (write the checkpoints). Thread-safe: every step holds the member's lock, except the
 * caller's own transaction in {@link #ackInTransaction}.
 *
 * <p><b>Reading.</b> The member reads the global order below the safe point from one cursor, the
 * lowest place any of its partitions needs, and hands out a row when its stream's partition is held
 * here, the row is past that partition's {@link OwnedPartition#position}, and the filter passes it.
 * Every partition thus sees its rows in global order, none skipped: a partition taken over or rewound
 * pulls the cursor back to its stored checkpoint, and the others skip what they already handed out.
 * At {@code maxInFlight} deliveries out the member stops handing out and the cursor stays at the last
 * row it passed, so nothing is dropped under backpressure.
 */
final class GroupMember {
  private static final Logger LOG = LoggerFactory.getLogger(GroupMember.class);
  /** A group's bound on deliveries out when nobody set one. */
  static final int DEFAULT_MAX_IN_FLIGHT = 1000;

  private final String subscription;
  private final String group;
  private final SubscriptionFilter filter;
  private final int partitions;
  private final SubscriptionOptions options;
  private final PartitionLeases leases;
  private final DefaultEventStore events;
  private final boolean withStreamType;
  private final HeldPartitions held;
  private final long tickEveryNanos;
  private int limit = DEFAULT_MAX_IN_FLIGHT;
  private long nextTickAt = Long.MIN_VALUE;
  private boolean ticked;

  GroupMember(String subscription, SubscriptionFilter filter, int partitions, SubscriptionOptions options,
      PartitionLeases leases, DefaultEventStore events) {
    this.subscription = subscription;
    this.group = options.group();
    this.filter = filter;
    this.partitions = partitions;
    this.options = options;
    this.leases = leases;
    this.events = events;
    this.withStreamType = !filter.streamTypes().isEmpty();
    this.held = new HeldPartitions(subscription, group, partitions);
    // A third of the lease, so two heartbeats can fail before the lease ends.
    this.tickEveryNanos = options.leaseDuration().toNanos() / 3;
  }

  /** Heartbeat, renewal and rebalance when due; redelivery of what ran out its visibility timeout. */
  synchronized void tick(long now) {
    if (ticked && now - nextTickAt < 0) {
      redeliverTimedOut(now);
      return;
    }
    ticked = true;
    nextTickAt = now + tickEveryNanos;
    flush(true);
    PartitionLeases.Shape shape = leases.heartbeat();
    int max = shape.maxInFlight() > 0 ? shape.maxInFlight() : DEFAULT_MAX_IN_FLIGHT;
    limit = Math.max(1, (max + shape.liveMembers() - 1) / shape.liveMembers());
    for (OwnedPartition partition : held.dropAllBut(leases.renew(held.view()))) {
      LOG.info("Subscription {}, group {}: partition {} at epoch {} lost", subscription, group,
          partition.partition, partition.epoch);
    }
    int share = (partitions + shape.liveMembers() - 1) / shape.liveMembers();
    if (held.size() > share) {
      flush(true);
      leases.release(held.dropDownTo(share));
    } else if (held.size() < share) {
      List<PartitionLeases.Acquired> acquired = leases.acquire(share - held.size());
      acquired.forEach(held::take);
      if (!acquired.isEmpty()) {
        LOG.info("Subscription {}, group {}: member {} took partitions {}", subscription, group,
            options.memberId(), acquired.stream().map(a -> a.partition() + "@" + a.epoch()).toList());
      }
    }
    redeliverTimedOut(now);
  }

  /** Up to {@code max} deliveries (fewer under backpressure, or at the safe point). */
  synchronized List<Delivery> next(int max, long now) {
    // A partition whose deliveries were abandoned goes back to its checkpoint before anything after them is read:
    // its stream's order holds.
    rewindStale();
    List<Delivery> handedOut = new ArrayList<>();
    int room = Math.min(max, limit - held.out());
    if (room <= 0 || held.isEmpty()) {
      return handedOut;
    }
    List<RawRow> rows = events.readRawRows(held.cursor(), options.batchSize(), withStreamType);
    for (RawRow row : rows) {
      OwnedPartition partition = held.ofStream(row.streamId());
      if (partition != null && row.checkpoint().compareTo(partition.position) > 0) {
        if (filter.matches(row.type(), row.streamType())) {
          if (handedOut.size() == room) {
            break;
          }
          Delivery delivery = deliver(partition, row, now);
          if (delivery != null) {
            handedOut.add(delivery);
          }
        }
        partition.position = row.checkpoint();
      }
      held.advanceTo(row.checkpoint());
    }
    held.followCursor();
    return handedOut;
  }

  /**
   * A requeued parked event as a delivery, when its stream's partition is held here; else {@code null}.
   * Its acknowledgement is its handler returning (it is outside the partition's order).
   *
   * @throws RillflowException when it still cannot be decoded
   */
  synchronized Delivery requeued(RawRow row, int attempts) {
    OwnedPartition partition = held.ofStream(row.streamId());
    if (partition == null) {
      return null;
    }
    EventEnvelope<?> event = events.readAt(row.checkpoint());
    if (event == null) {
      throw new RillflowException("the event at position " + row.position() + " is gone or of a skipped type");
    }
    return new Delivery(subscription, group, partition.partition, partition.epoch, attempts + 1, event, row.data(),
        partition.committed);
  }

  /** Marks a delivery acknowledged; its checkpoint is written by the next {@link #flush()}. */
  synchronized void ack(Delivery delivery) {
    OwnedPartition.Entry entry = held.entry(delivery);
    if (entry != null && held.acknowledge(entry)) {
      notifyAll();
    }
  }

  /** Moves the delivery's checkpoint in the caller's transaction (see {@link PartitionSql}). */
  void ackInTransaction(Delivery delivery, Connection transaction) {
    synchronized (this) {
      held.entry(delivery);
    }
    boolean moved;
    try {
      moved = leases.ackInTransaction(transaction, delivery.partition(), delivery.epoch(), delivery.previous(),
          delivery.checkpoint());
    } catch (SQLException e) {
      throw new RillflowException("Subscription " + subscription + ": could not acknowledge the event at position "
          + delivery.position() + ": " + e.getMessage(), e);
    }
    synchronized (this) {
      OwnedPartition partition = held.get(delivery.partition());
      if (!moved) {
        if (partition != null && partition.epoch == delivery.epoch()) {
          partition.stale = true;
        }
        throw new SubscriptionFencedException(subscription, group, delivery.partition(), delivery.epoch(),
            "the partition moved on or the checkpoint is not right before this delivery");
      }
      OwnedPartition.Entry entry = partition == null ? null : partition.find(delivery.checkpoint());
      if (entry != null && held.acknowledge(entry)) {
        entry.byTransaction = true;
        notifyAll();
      }
    }
  }

  /** Gives up on a delivery: parks it with the error, and the checkpoint moves past it. */
  synchronized void park(Delivery delivery, int attempts, Throwable error) {
    OwnedPartition.Entry entry = held.entry(delivery);
    if (entry != null) {
      leases.park(entry.row, attempts, describe(error));
      LOG.error("Subscription {}, group {}: parked {} at position {} of stream {} after {} tries", subscription,
          group, delivery.event().type(), delivery.position(), delivery.event().streamId(), attempts, error);
      ack(delivery);
    }
  }

  /** Records a failed try for whoever holds the partition next. */
  synchronized void failed(Delivery delivery, int attempts) {
    OwnedPartition partition = held.get(delivery.partition());
    if (partition != null && partition.epoch == delivery.epoch()) {
      partition.failingPosition = delivery.position();
      partition.failingAttempts = attempts;
      leases.recordFailure(partition, delivery.position(), attempts);
    }
  }

  /** Writes the checkpoints the acknowledgements allow, compared with what this member last knew. */
  synchronized void flush() {
    flush(false);
  }

  /** As {@link #flush()}; {@code followPositions}: also moves partitions without deliveries over what was read. */
  private void flush(boolean followPositions) {
    rewindStale();
    List<OwnedPartition.Write> writes = new ArrayList<>();
    for (OwnedPartition partition : held.all()) {
      OwnedPartition.Write write = partition.drainAcknowledged(followPositions);
      if (write != null) {
        writes.add(write);
      }
    }
    if (writes.isEmpty()) {
      return;
    }
    Set<Integer> moved = leases.checkpoint(writes);
    for (OwnedPartition.Write write : writes) {
      OwnedPartition partition = held.get(write.partition());
      if (moved.contains(write.partition())) {
        partition.committed = write.target();
      } else {
        rewind(partition);
      }
    }
  }

  /**
   * After a failure in the middle of a batch (a lost connection while recording a failed try, or while
   * writing checkpoints): the deliveries handed out and not handled would never be acknowledged, and in
   * {@code AUTO} mode nothing times them out, so their partitions' checkpoints would stop for good. Each
   * partition with deliveries out goes back to its stored checkpoint before the next read (read then, so a
   * database still down is met there and tried again), and its events are delivered again, in order.
   */
  synchronized void redeliverOutstanding() {
    for (OwnedPartition partition : held.all()) {
      if (partition.unacknowledged() > 0) {
        partition.stale = true;
      }
    }
  }

  private void rewindStale() {
    for (OwnedPartition partition : held.all()) {
      if (partition.stale) {
        rewind(partition);
      }
    }
  }

  /** Waits up to {@code millis} for an acknowledgement (room under the bound) or a wake-up. */
  synchronized void await(long millis) throws InterruptedException {
    if (millis > 0) {
      wait(millis);
    }
  }

  synchronized void wake() {
    notifyAll();
  }

  /** Writes what was acknowledged, gives the partitions up and leaves the group. */
  synchronized void leave() {
    try {
      flush(true);
      leases.release(held.view());
      leases.leave();
    } finally {
      held.clear();
    }
  }

  synchronized int owned() {
    return held.size();
  }

  private Delivery deliver(OwnedPartition partition, RawRow row, long now) {
    int attempt = partition.attemptsOf(row.position()) + 1;
    EventEnvelope<?> event;
    try {
      event = events.decode(row);
    } catch (RillflowException e) {
      // A row that no longer decodes is parked at once, never a stuck subscription.
      leases.park(row, attempt, describe(e));
      LOG.error("Subscription {}, group {}: parked the undecodable event at position {}", subscription, group,
          row.position(), e);
      return null;
    }
    if (event == null) {
      return null; // a type the store skips
    }
    Delivery delivery = new Delivery(subscription, group, partition.partition, partition.epoch, attempt, event,
        row.data(), partition.last());
    partition.add(new OwnedPartition.Entry(delivery, row, now));
    held.delivered();
    return delivery;
  }

  /** In MANUAL mode: partitions whose oldest delivery out ran out its visibility timeout start again from their checkpoint. */
  private void redeliverTimedOut(long now) {
    if (options.ackMode() != AckMode.MANUAL) {
      return;
    }
    long timeout = options.visibilityTimeout().toNanos();
    for (OwnedPartition partition : held.all()) {
      OwnedPartition.Entry oldest = partition.oldestUnacknowledged();
      if (oldest != null && now - oldest.deliveredAt > timeout) {
        int attempts = oldest.delivery.attempt();
        LOG.warn("Subscription {}, group {}: the event at position {} was not acknowledged within {}; delivering again",
            subscription, group, oldest.delivery.position(), options.visibilityTimeout());
        if (attempts >= options.maxAttempts()) {
          park(oldest.delivery, attempts, new IllegalStateException("not acknowledged within the visibility timeout "
              + options.visibilityTimeout() + " on any of " + attempts + " tries"));
          continue;
        }
        partition.failingPosition = oldest.delivery.position();
        partition.failingAttempts = attempts;
        leases.recordFailure(partition, oldest.delivery.position(), attempts);
        flush();
        if (held.holds(partition.partition)) {
          rewind(partition);
        }
      }
    }
  }

  /** Reads the partition's stored row and goes back to its checkpoint; drops it when another member holds it now. */
  private void rewind(OwnedPartition partition) {
    PartitionLeases.Stored stored = leases.read(partition.partition);
    if (!leases.isOwner(stored.owner()) || stored.epoch() != partition.epoch) {
      LOG.info("Subscription {}, group {}: partition {} at epoch {} lost (now {} at epoch {}); its checkpoint was "
          + "not moved", subscription, group, partition.partition, partition.epoch, stored.owner(), stored.epoch());
      held.lose(partition);
      return;
    }
    held.rewind(partition, stored.checkpoint());
  }

  static String describe(Throwable error) {
    String text = error.getClass().getName() + ": " + error.getMessage();
    return text.length() > 4000 ? text.substring(0, 4000) : text;
  }
}
