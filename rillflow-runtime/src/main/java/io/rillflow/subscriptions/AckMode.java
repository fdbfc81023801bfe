package io.rillflow.subscriptions;

/**
 * When a delivery counts as done, so that the group's checkpoint may move past it.
 *
 * <pre>{@code
 * SubscriptionOptions.defaults().ackMode(AckMode.MANUAL).visibilityTimeout(Duration.ofSeconds(30));
 * }</pre>
 */
public enum AckMode {
  /**
   * Done when the handler returns (push), or when the next {@link PullSubscription#poll(int)} is
   * called (pull). A process killed after the handler ran and before the checkpoint was written gets
   * the event again: at least once.
   */
  AUTO,
  /**
   * Done when the caller acknowledges it: {@link SubscriptionHandle#ack(Delivery)}, or in its own
   * transaction with {@link SubscriptionHandle#ack(Delivery, io.rillflow.DocumentSession)} or
   * {@link SubscriptionHandle#ack(Delivery, java.sql.Connection)} (exactly once for effects in the
   * same database). What is not acknowledged within the
   * {@link SubscriptionOptions#visibilityTimeout() visibility timeout} is delivered again.
   */
  MANUAL
}
