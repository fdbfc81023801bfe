package io.rillflow.subscriptions;

/**
 * What a pushed subscription runs for each delivery, on the member's worker thread, one delivery at
 * a time, in order within each stream. An exception means the delivery failed: it is tried again
 * after a backoff and, after the last try, parked in the dead letters.
 *
 * <pre>{@code
 * store.subscriptions().subscribe("emails", SubscriptionOptions.defaults(),
 *     (delivery, handle) -> mailer.send(delivery.event()));
 * }</pre>
 */
@FunctionalInterface
public interface SubscriptionHandler {
  /**
   * Handles one delivery. In {@link AckMode#MANUAL} acknowledge it (now or later, from any thread)
   * through {@code handle}; in {@link AckMode#AUTO} returning acknowledges it.
   *
   * @param delivery the event and where it was delivered
   * @param handle the subscription's handle (the same one {@code subscribe} returns)
   * @throws Exception when the delivery failed
   */
  void handle(Delivery delivery, SubscriptionHandle handle) throws Exception;
}
