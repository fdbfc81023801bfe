package io.rillflow.subscriptions;

import java.time.Duration;
import java.util.List;

/**
 * A member that the caller drives in its own loop: {@link #poll(int)} hands out the next deliveries
 * of the partitions this member holds, in global order (so in order within each stream), and keeps
 * the member's leases alive. In {@link AckMode#AUTO} a poll acknowledges everything the previous poll
 * returned; in {@link AckMode#MANUAL} acknowledge each delivery. Not for use by two threads at once
 * (acknowledgements may come from any thread).
 *
 * <pre>{@code
 * try (PullSubscription pull = store.subscriptions().pull("emails", SubscriptionOptions.defaults())) {
 *   while (running) {
 *     for (Delivery delivery : pull.poll(100, Duration.ofSeconds(1))) {
 *       mailer.send(delivery.event());
 *     }
 *   }
 * }
 * }</pre>
 */
public interface PullSubscription extends SubscriptionHandle {

  /**
   * Up to {@code max} deliveries, without waiting; fewer (or none) when the member is at the safe
   * point, holds no partition yet, or has {@code maxInFlight} deliveries unacknowledged.
   */
  List<Delivery> poll(int max);

  /** As {@link #poll(int)}, waiting up to {@code wait} for at least one delivery. */
  List<Delivery> poll(int max, Duration wait);
}
