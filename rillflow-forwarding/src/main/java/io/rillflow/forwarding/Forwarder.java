package io.rillflow.forwarding;

import io.rillflow.DocumentStore;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionFencedException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running forwarder: a member of a subscription's consumer group (pulled, {@code MANUAL} acks) that
 * publishes each batch of events through a {@link BrokerLink} and acknowledges it only after the
 * broker confirmed every message of it. From a broker module ({@code RabbitMqForwarder},
 * {@code NatsJetStreamForwarder}) or {@link #start}.
 *
 * <p><b>Guarantees.</b> At least once: the group's checkpoint moves past an event only after the
 * broker confirmed it, so a lost connection, a crash or a {@link #close()} between publish and confirm
 * sends the batch again (on the new link, or from the next forwarder of the group, which starts at the
 * checkpoint). Every copy of an event carries the same message id, its global position, so consumers
 * drop repeats by it. A batch goes out in the subscription's order, so each stream's events are
 * published in order; a resent batch may repeat events a consumer already saw, and a consumer that
 * drops the ids it has seen sees each stream in order.
 *
 * <p>One thread per forwarder. Failures of the broker close the link and open a new one after a
 * backoff (doubling up to {@link ForwarderSettings#maxReconnectBackoff()}); failures to read the store
 * wait the same backoff and keep the link.
 */
public final class Forwarder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

  private final String subscription;
  private final String broker;
  private final ForwarderSettings settings;
  private final BrokerConnector connector;
  private final PullSubscription pull;
  private final Thread worker;
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong brokerFailures = new AtomicLong();
  private volatile boolean closing;
  private volatile BrokerLink link;

  private Forwarder(String subscription, String broker, ForwarderSettings settings, BrokerConnector connector,
      PullSubscription pull) {
    this.subscription = subscription;
    this.broker = broker;
    this.settings = settings;
    this.connector = connector;
    this.pull = pull;
    this.worker = new Thread(this::run, "rillflow-forwarder-" + broker + "-" + subscription);
    this.worker.setDaemon(true);
  }

  /**
   * Joins the subscription's group ({@link ForwarderSettings#member()}) and starts forwarding its
   * events through links from {@code connector}, on a thread of its own, until closed.
   *
   * @param broker a short name of the broker for logs and the thread's name ("rabbitmq", "nats")
   * @throws IllegalArgumentException when the store has no subscription of that name
   */
  public static Forwarder start(DocumentStore store, String subscription, String broker, ForwarderSettings settings,
      BrokerConnector connector) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(connector, "connector");
    Forwarder forwarder = new Forwarder(subscription, broker, settings, connector,
        store.subscriptions().pull(subscription, settings.member()));
    forwarder.worker.start();
    return forwarder;
  }

  /** The subscription forwarded. */
  public String subscription() {
    return subscription;
  }

  /** The events the broker confirmed and the forwarder acknowledged (repeats counted again). */
  public long forwarded() {
    return forwarded.get();
  }

  /** How many times a link failed (and was replaced). */
  public long brokerFailures() {
    return brokerFailures.get();
  }

  /** Whether the forwarder still runs (not closed). */
  public boolean isRunning() {
    return worker.isAlive();
  }

  /**
   * Stops forwarding: closes the link (a batch being published is not acknowledged and goes out
   * again from the next forwarder), then leaves the group, writing the checkpoints of what the broker
   * confirmed. Idempotent.
   */
  @Override
  public void close() {
    closing = true;
    closeLink();
    worker.interrupt();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeLink();
      pull.close();
    }
  }

  private void run() {
    Backoff backoff = new Backoff(settings.reconnectBackoff(), settings.maxReconnectBackoff());
    List<Delivery> unconfirmed = List.of();
    while (!closing) {
      try {
        if (unconfirmed.isEmpty()) {
          unconfirmed = pull.poll(settings.batchSize(), settings.pollWait());
          if (unconfirmed.isEmpty()) {
            continue;
          }
        }
        if (!publish(unconfirmed)) {
          backoff.pause();
          continue;
        }
        acknowledge(unconfirmed);
        unconfirmed = List.of();
        backoff.reset();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (closing) {
          return;
        }
        LOG.warn("Forwarder of subscription {} to {} could not read its events; trying again", subscription, broker, e);
        try {
          backoff.pause();
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /** Publishes the batch on the link (opened first when there is none); false when the broker failed. */
  private boolean publish(List<Delivery> batch) {
    try {
      if (link == null) {
        link = connector.connect();
        if (closing) {
          closeLink();
          return false;
        }
      }
      link.publish(batch);
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (!closing) {
        brokerFailures.incrementAndGet();
        LOG.warn("Forwarder of subscription {} lost {}; {} events unconfirmed, sending them again on a new connection",
            subscription, broker, batch.size(), e);
      }
      closeLink();
      return false;
    }
  }

  private void acknowledge(List<Delivery> batch) {
    for (Delivery delivery : batch) {
      try {
        pull.ack(delivery);
        forwarded.incrementAndGet();
      } catch (SubscriptionFencedException e) {
        // The partition moved to another member, which forwards it again from the checkpoint: the
        // broker gets a repeat with the same id, never a gap.
        LOG.debug("Forwarder of subscription {} lost partition {}", subscription, delivery.partition(), e);
      }
    }
  }

  private void closeLink() {
    BrokerLink current = link;
    link = null;
    if (current != null) {
      try {
        current.close();
      } catch (RuntimeException e) {
        LOG.debug("Closing the {} link of subscription {} failed", broker, subscription, e);
      }
    }
  }

  /** The wait between tries: doubling from the first backoff up to the cap, reset by a success. */
  private static final class Backoff {
    private final Duration first;
    private final Duration max;
    private Duration next;

    Backoff(Duration first, Duration max) {
      this.first = first;
      this.max = max;
      this.next = first;
    }

    void pause() throws InterruptedException {
      Thread.sleep(next.toMillis());
      Duration doubled = next.multipliedBy(2);
      next = doubled.compareTo(max) > 0 ? max : doubled;
    }

    void reset() {
      next = first;
    }
  }
}
