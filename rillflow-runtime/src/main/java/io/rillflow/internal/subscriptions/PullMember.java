package io.rillflow.internal.subscriptions;

import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionFencedException;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A pulled member: each {@link #poll} ticks the {@link GroupMember}, writes checkpoints, and hands out the next deliveries. */
final class PullMember extends MemberHandle implements PullSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(PullMember.class);

  private final Runnable onClose;
  /** In AUTO mode, what the previous poll returned: acknowledged by the next one. */
  private List<Delivery> previous = List.of();

  PullMember(String subscription, SubscriptionOptions options, GroupMember member, Runnable onClose) {
    super(subscription, options, member);
    this.onClose = onClose;
  }

  @Override
  public List<Delivery> poll(int max) {
    return poll(max, Duration.ZERO);
  }

  @Override
  public List<Delivery> poll(int max, Duration wait) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1 but was " + max);
    }
    if (closed) {
      throw new IllegalStateException("Subscription " + subscription + ": this member was closed");
    }
    acknowledgePrevious();
    long deadline = System.nanoTime() + wait.toNanos();
    long idleMillis = Math.max(1, Math.min(options.pollInterval().toMillis(), options.leaseDuration().toMillis() / 3));
    while (true) {
      member.tick(System.nanoTime());
      member.flush();
      List<Delivery> found = member.next(max, System.nanoTime());
      long left = deadline - System.nanoTime();
      if (!found.isEmpty() || left <= 0 || closed) {
        previous = options.ackMode() == AckMode.AUTO ? found : List.of();
        return found;
      }
      try {
        member.await(Math.min(idleMillis, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
  }

  private void acknowledgePrevious() {
    for (Delivery delivery : previous) {
      try {
        member.ack(delivery);
      } catch (SubscriptionFencedException e) {
        LOG.info("Subscription {}, member {}: {}", subscription, options.memberId(), e.getMessage());
      }
    }
    previous = new ArrayList<>(0);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      acknowledgePrevious();
      member.leave();
    } catch (RuntimeException e) {
      LOG.warn("Subscription {}, member {}: could not leave the group cleanly; its leases will run out",
          subscription, options.memberId(), e);
    }
    onClose.run();
  }
}
