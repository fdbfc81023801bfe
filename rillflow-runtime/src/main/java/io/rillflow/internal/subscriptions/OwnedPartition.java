package io.rillflow.internal.subscriptions;

import io.rillflow.events.Checkpoint;
import io.rillflow.internal.events.RawRow;
import io.rillflow.subscriptions.Delivery;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * A partition this member holds, as the member sees it: the epoch it holds it at, the checkpoint it
 * believes is stored ({@link #committed}), how far it has handed rows out ({@link #position}), and the
 * deliveries out and not yet acknowledged, in delivery order. The checkpoint moves over the
 * acknowledged prefix only, so an acknowledgement out of order never passes an earlier delivery.
 * Guarded by its {@link GroupMember}'s lock.
 */
final class OwnedPartition {
  /** One delivery out: acknowledged or not, and whether its checkpoint was written by the caller's transaction. */
  static final class Entry {
    final Delivery delivery;
    final RawRow row;
    final long deliveredAt;
    boolean acked;
    boolean byTransaction;

    Entry(Delivery delivery, RawRow row, long deliveredAt) {
      this.delivery = delivery;
      this.row = row;
      this.deliveredAt = deliveredAt;
    }
  }

  /** What to write for this partition: from {@code expected} (compare and set) to {@code target}. */
  record Write(int partition, long epoch, Checkpoint expected, Checkpoint target) {}

  final int partition;
  final long epoch;
  Checkpoint committed;
  Checkpoint position;
  long failingPosition;
  int failingAttempts;
  /** The stored checkpoint no longer is what this member believes: read it again before going on. */
  boolean stale;
  /** The deliveries out, in delivery order, by position: an acknowledgement finds its own at once. */
  private final LinkedHashMap<Long, Entry> inFlight = new LinkedHashMap<>();
  private Entry newest;

  OwnedPartition(int partition, long epoch, Checkpoint committed, long failingPosition, int failingAttempts) {
    this.partition = partition;
    this.epoch = epoch;
    this.committed = committed;
    this.position = committed;
    this.failingPosition = failingPosition;
    this.failingAttempts = failingAttempts;
  }

  /** The checkpoint a new delivery follows: the last one out, or the stored one. */
  Checkpoint last() {
    return inFlight.isEmpty() ? committed : newest.delivery.checkpoint();
  }

  void add(Entry entry) {
    inFlight.put(entry.delivery.position(), entry);
    newest = entry;
  }

  /** Deliveries out and not acknowledged. */
  int unacknowledged() {
    int count = 0;
    for (Entry entry : inFlight.values()) {
      if (!entry.acked) {
        count++;
      }
    }
    return count;
  }

  /** Forgets every delivery out. */
  void clear() {
    inFlight.clear();
    newest = null;
  }

  /** Tries of the event at {@code position} so far (by this member and earlier holders). */
  int attemptsOf(long eventPosition) {
    return failingPosition == eventPosition ? failingAttempts : 0;
  }

  Entry find(Checkpoint checkpoint) {
    Entry entry = inFlight.get(checkpoint.position());
    return entry != null && entry.delivery.checkpoint().equals(checkpoint) ? entry : null;
  }

  /**
   * Drops the acknowledged prefix and says what to write: the checkpoint after it, compared with the
   * one stored; when the prefix ends with deliveries the caller's transactions acknowledged, their
   * writes already moved it and nothing is written for them. With nothing out, the checkpoint follows
   * {@link #position} over rows the member read and did not deliver (filtered out, other partitions'),
   * when a write is made anyway or {@code followPosition} asks for it (a partition without deliveries is
   * written once a tick, not once a batch).
   * {@code null} when nothing needs writing.
   */
  Write drainAcknowledged(boolean followPosition) {
    Checkpoint expected = committed;
    Checkpoint target = committed;
    boolean write = false;
    Iterator<Entry> entries = inFlight.values().iterator();
    while (entries.hasNext()) {
      Entry entry = entries.next();
      if (!entry.acked) {
        break;
      }
      entries.remove();
      target = entry.delivery.checkpoint();
      if (entry.byTransaction) {
        expected = target;
        write = false;
      } else {
        write = true;
      }
    }
    committed = expected;
    if (inFlight.isEmpty()) {
      newest = null;
    }
    if (inFlight.isEmpty() && position.compareTo(target) > 0 && (followPosition || write)) {
      target = position;
      write = true;
    }
    if (!write) {
      committed = target;
      return null;
    }
    return new Write(partition, epoch, expected, target);
  }

  /** Forgets what is out and goes back to the stored checkpoint: its events are delivered again. */
  void rewind(Checkpoint stored) {
    clear();
    committed = stored;
    position = stored;
    stale = false;
  }

  /** The oldest delivery out and not acknowledged, or {@code null}. */
  Entry oldestUnacknowledged() {
    for (Entry entry : inFlight.values()) {
      if (!entry.acked) {
        return entry;
      }
    }
    return null;
  }
}
