package io.rillflow.subscriptions;

import io.rillflow.RillflowException;

/**
 * An acknowledgement was refused: the member no longer holds the delivery's partition at the epoch it
 * delivered it at (another member took it over, or an admin reset the group), or, for a transactional
 * acknowledgement, the partition's checkpoint is not right before the delivery. The checkpoint did not
 * move; the event will be delivered again (to the partition's current owner).
 */
public class SubscriptionFencedException extends RillflowException {
  private final String subscription;
  private final String group;
  private final int partition;
  private final long epoch;

  /** The refusal of an acknowledgement of {@code partition} at {@code epoch}. */
  public SubscriptionFencedException(String subscription, String group, int partition, long epoch, String why) {
    super("Subscription " + subscription + ", group " + group + ": cannot acknowledge on partition " + partition
        + " at epoch " + epoch + ": " + why);
    this.subscription = subscription;
    this.group = group;
    this.partition = partition;
    this.epoch = epoch;
  }

  /** The subscription's name. */
  public String subscription() {
    return subscription;
  }

  /** The consumer group. */
  public String group() {
    return group;
  }

  /** The partition. */
  public int partition() {
    return partition;
  }

  /** The epoch the delivery was made at. */
  public long epoch() {
    return epoch;
  }
}
