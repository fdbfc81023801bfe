package io.rillflow.subscriptions;

import io.rillflow.DocumentSession;
import java.sql.Connection;

/**
 * One member of a subscription's consumer group, running until closed: a pushed one
 * ({@link Subscriptions#subscribe}) or a pulled one ({@link PullSubscription}). Acknowledgements move
 * the group's checkpoint of the delivery's partition, and only while this member still holds the
 * partition at the delivery's epoch: a member that lost a partition can never move its checkpoint.
 * Thread-safe.
 *
 * <pre>{@code
 * SubscriptionHandle handle = store.subscriptions().subscribe("payments",
 *     SubscriptionOptions.defaults().ackMode(AckMode.MANUAL),
 *     (delivery, h) -> {
 *       try (DocumentSession session = store.openSession(connection)) {   // the caller's transaction
 *         session.store(new Payment(...));
 *         session.saveChanges();
 *         h.ack(delivery, session);          // the checkpoint moves in the same transaction
 *       }
 *       connection.commit();                 // both, or neither
 *     });
 * ...
 * handle.close();
 * }</pre>
 */
public interface SubscriptionHandle extends AutoCloseable {

  /** The subscription's name. */
  String subscription();

  /** The consumer group. */
  String group();

  /** This member's id in the group. */
  String memberId();

  /**
   * Acknowledges a delivery: once every earlier delivery of its partition is acknowledged too, the
   * partition's checkpoint moves past it (written with the next batch, or at {@link #close()}). In
   * {@link AckMode#AUTO} there is nothing to acknowledge; calling it is harmless.
   *
   * @throws SubscriptionFencedException when this member no longer holds the delivery's partition at
   *     its epoch (the event will be delivered to the partition's new owner)
   */
  void ack(Delivery delivery);

  /**
   * Acknowledges a delivery in the transaction a session joined ({@code store.openSession(connection)}):
   * the partition's checkpoint moves past it in that transaction, fenced by the epoch, and only when it
   * stands right before the delivery ({@link Delivery#previous()}), so it moves if and only if the
   * caller commits, and effects in PostgreSQL happen exactly once. Acknowledge a partition's
   * deliveries in order. What is not committed is delivered again after the visibility timeout.
   *
   * @throws SubscriptionFencedException when the member lost the partition, or the checkpoint is not
   *     right before the delivery (an earlier delivery was not committed): roll back
   * @throws IllegalArgumentException when the session does not join a caller's transaction
   */
  void ack(Delivery delivery, DocumentSession session);

  /**
   * As {@link #ack(Delivery, DocumentSession)}, in the transaction of the caller's connection
   * (auto-commit off; the caller commits).
   */
  void ack(Delivery delivery, Connection transaction);

  /** Whether {@link #close()} was called (or the store closed). */
  boolean isClosed();

  /**
   * Stops delivering, writes the checkpoints of what was acknowledged, and gives the member's
   * partitions up so the rest of the group takes them at once. Idempotent.
   */
  @Override
  void close();
}
