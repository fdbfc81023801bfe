package io.rillflow.internal.subscriptions;

import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.internal.tracing.TracedWork;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.SubscriptionFencedException;
import io.rillflow.subscriptions.SubscriptionHandler;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pushed member: a worker thread of its own ticks the {@link GroupMember}, hands each delivery to
 * the handler in turn, retries a failing one after an exponential backoff, parks it after the last try,
 * and writes the checkpoints after each batch. Waits the poll interval when idle, or until an
 * acknowledgement makes room under {@code maxInFlight}.
 */
final class PushMember extends MemberHandle implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PushMember.class);

  private final SubscriptionHandler handler;
  /** A span around each handler call, continuing the trace the event was appended in. */
  private final StoreTracing tracing;
  private final RequeuedEvents requeued;
  private final Runnable onClose;
  private long requeuedCheckAt = System.nanoTime();
  private final Thread worker;

  PushMember(String subscription, SubscriptionOptions options, GroupMember member, SubscriptionHandler handler,
      RequeuedEvents requeued, Runnable onClose, StoreTracing tracing) {
    super(subscription, options, member);
    this.handler = handler;
    this.tracing = tracing;
    this.requeued = requeued;
    this.onClose = onClose;
    this.worker = new Thread(this, "rillflow-subscription-" + subscription + "-" + options.memberId());
    worker.setDaemon(true);
  }

  void start() {
    worker.start();
  }

  @Override
  public void run() {
    long idleMillis = Math.max(1, Math.min(options.pollInterval().toMillis(), options.leaseDuration().toMillis() / 3));
    while (!closed) {
      try {
        member.tick(System.nanoTime());
        redeliverRequeued();
        List<Delivery> batch = member.next(options.batchSize(), System.nanoTime());
        for (Delivery delivery : batch) {
          if (closed || !handle(delivery)) {
            break;
          }
        }
        member.flush();
        if (batch.isEmpty()) {
          member.await(idleMillis);
        }
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        LOG.error("Subscription {}, member {}: delivery failed; trying again after the poll interval", subscription,
            options.memberId(), e);
        member.redeliverOutstanding();
        sleepQuietly(idleMillis);
      }
    }
  }

  /** Delivers the group's requeued parked events of the partitions held here, about once a second, each once. */
  private void redeliverRequeued() {
    long now = System.nanoTime();
    if (now - requeuedCheckAt < 0) {
      return;
    }
    requeuedCheckAt = now + Math.max(options.pollInterval().toNanos(), 1_000_000_000L);
    for (RequeuedEvents.Requeued parked : requeued.list()) {
      if (closed) {
        return;
      }
      try {
        Delivery delivery = member.requeued(parked.row(), parked.attempts());
        if (delivery != null) {
          invoke(delivery);
          requeued.delivered(parked.id());
        }
      } catch (Exception e) {
        LOG.warn("Subscription {}, member {}: requeued event at position {} failed again; it stays parked",
            subscription, options.memberId(), parked.row().position(), e);
        requeued.failedAgain(parked.id(), e);
      }
    }
  }

  /** Runs the handler with retries; {@code false} when the member lost the partition or is closing. */
  private boolean handle(Delivery first) throws InterruptedException {
    Delivery delivery = first;
    while (true) {
      try {
        invoke(delivery);
        if (options.ackMode() == AckMode.AUTO) {
          member.ack(delivery);
        }
        return true;
      } catch (SubscriptionFencedException e) {
        LOG.info("Subscription {}, member {}: {}", subscription, options.memberId(), e.getMessage());
        return false;
      } catch (Exception e) {
        int attempts = delivery.attempt();
        if (attempts >= options.maxAttempts()) {
          member.park(delivery, attempts, e);
          return true;
        }
        long backoff = options.retryBackoff().toMillis() << Math.min(attempts - 1, 20);
        LOG.warn("Subscription {}, member {}: try {} of {} failed on {} at position {}; retrying in {} ms",
            subscription, options.memberId(), attempts, options.maxAttempts(), delivery.event().type(),
            delivery.position(), backoff, e);
        member.failed(delivery, attempts);
        if (closed) {
          return false;
        }
        Thread.sleep(backoff);
        delivery = new Delivery(delivery.subscription(), delivery.group(), delivery.partition(), delivery.epoch(),
            attempts + 1, delivery.event(), delivery.json(), delivery.previous());
      }
    }
  }

  private void invoke(Delivery delivery) throws Exception {
    try (TracedWork span = tracing.delivery(subscription, delivery.event())) {
      try {
        handler.handle(delivery, this);
      } catch (Exception | Error e) {
        span.failed(e);
        throw e;
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    member.wake();
    if (Thread.currentThread() != worker) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      member.leave();
    } catch (RuntimeException e) {
      LOG.warn("Subscription {}, member {}: could not leave the group cleanly; its leases will run out",
          subscription, options.memberId(), e);
    }
    onClose.run();
  }
}
