package io.rillflow.internal.subscriptions;

import io.rillflow.events.Checkpoint;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.SubscriptionFencedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one {@link GroupMember} holds: its partitions by number, the read cursor they share and the count of
 * deliveries out and not acknowledged. Every change of holdings keeps the two invariants the member's reading
 * relies on: the cursor is never past the checkpoint of a partition taken or rewound (so none of its rows is
 * skipped), and {@link #out()} counts exactly the unacknowledged entries of the partitions held (so a dropped
 * partition gives its room back). Not thread-safe: guarded by its member's lock.
 */
final class HeldPartitions {
  private final String subscription;
  private final String group;
  private final int partitions;
  private final TreeMap<Integer, OwnedPartition> owned = new TreeMap<>();
  private Checkpoint cursor;
  private int out;

  HeldPartitions(String subscription, String group, int partitions) {
    this.subscription = subscription;
    this.group = group;
    this.partitions = partitions;
  }

  /** The partition of the stream when it is held here, else {@code null}. */
  OwnedPartition ofStream(String streamId) {
    return owned.get(StreamPartitions.of(streamId, partitions));
  }

  /** The partition when it is held here, else {@code null}. */
  OwnedPartition get(int partition) {
    return owned.get(partition);
  }

  boolean holds(int partition) {
    return owned.containsKey(partition);
  }

  /** The partitions held, in number order; a copy, so callers may drop or rewind while iterating it. */
  List<OwnedPartition> all() {
    return new ArrayList<>(owned.values());
  }

  /** The partitions held, live: for reading only. */
  Collection<OwnedPartition> view() {
    return owned.values();
  }

  int size() {
    return owned.size();
  }

  boolean isEmpty() {
    return owned.isEmpty();
  }

  /** Holds a partition just acquired; the cursor goes back to its checkpoint when that is behind it. */
  void take(PartitionLeases.Acquired partition) {
    owned.put(partition.partition(), new OwnedPartition(partition.partition(), partition.epoch(),
        partition.checkpoint(), partition.failingPosition(), partition.failingAttempts()));
    pullCursorBackTo(partition.checkpoint());
  }

  /** Drops the partitions not in {@code held} (their leases were lost) and returns them. */
  List<OwnedPartition> dropAllBut(Set<Integer> held) {
    List<OwnedPartition> lost = new ArrayList<>();
    for (Iterator<OwnedPartition> it = owned.values().iterator(); it.hasNext(); ) {
      OwnedPartition partition = it.next();
      if (!held.contains(partition.partition)) {
        lost.add(partition);
        drop(it, partition);
      }
    }
    return lost;
  }

  /** Drops the highest-numbered partitions until {@code share} are held, and returns them. */
  List<OwnedPartition> dropDownTo(int share) {
    List<OwnedPartition> excess = new ArrayList<>();
    for (Iterator<OwnedPartition> it = owned.descendingMap().values().iterator(); it.hasNext() && owned.size() > share; ) {
      OwnedPartition partition = it.next();
      excess.add(partition);
      drop(it, partition);
    }
    return excess;
  }

  /** Forgets a partition that another member holds now. */
  void lose(OwnedPartition partition) {
    out -= partition.unacknowledged();
    owned.remove(partition.partition);
    partition.clear();
  }

  /** Takes the partition back to its stored checkpoint, dropping what was out of it. */
  void rewind(OwnedPartition partition, Checkpoint stored) {
    out -= partition.unacknowledged();
    partition.rewind(stored);
    pullCursorBackTo(stored);
  }

  /** Forgets every partition and delivery. */
  void clear() {
    owned.clear();
    out = 0;
  }

  /** Where the next read starts: {@code null} before any partition was taken. */
  Checkpoint cursor() {
    return cursor;
  }

  /**
   * The cursor passed {@code checkpoint}: every row up to it has been seen for every partition held, so the
   * partitions with nothing newer handed out follow it (their checkpoints move over stretches of other
   * partitions' or filtered rows).
   */
  void advanceTo(Checkpoint checkpoint) {
    cursor = checkpoint;
  }

  /** Lets every partition held follow the cursor (see {@link #advanceTo}). */
  void followCursor() {
    if (cursor == null) {
      return;
    }
    for (OwnedPartition partition : owned.values()) {
      if (cursor.compareTo(partition.position) > 0) {
        partition.position = cursor;
      }
    }
  }

  /** Deliveries out and not acknowledged, over every partition held. */
  int out() {
    return out;
  }

  /** Counts a delivery handed out. */
  void delivered() {
    out++;
  }

  /** Marks the entry acknowledged; {@code false} when it was already. */
  boolean acknowledge(OwnedPartition.Entry entry) {
    if (entry.acked) {
      return false;
    }
    entry.acked = true;
    out--;
    return true;
  }

  /**
   * The delivery's entry ({@code null} when it is no longer out), checking that this member still holds its
   * partition at its epoch.
   *
   * @throws SubscriptionFencedException when it does not
   */
  OwnedPartition.Entry entry(Delivery delivery) {
    OwnedPartition partition = owned.get(delivery.partition());
    if (partition == null || partition.epoch != delivery.epoch()) {
      throw new SubscriptionFencedException(subscription, group, delivery.partition(), delivery.epoch(),
          "this member no longer holds the partition at that epoch");
    }
    return partition.find(delivery.checkpoint());
  }

  private void drop(Iterator<OwnedPartition> it, OwnedPartition partition) {
    out -= partition.unacknowledged();
    partition.clear();
    it.remove();
  }

  private void pullCursorBackTo(Checkpoint checkpoint) {
    if (cursor == null || checkpoint.compareTo(cursor) < 0) {
      cursor = checkpoint;
    }
  }
}
