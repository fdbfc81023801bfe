package io.rillflow.subscriptions;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How one member consumes a subscription: its consumer group, ack mode, batch size, backpressure,
 * lease and retries. Members of one group share the work by stream; each group has its own
 * checkpoints, so two groups each see every event.
 *
 * <pre>{@code
 * SubscriptionOptions.defaults().group("workers-a").ackMode(AckMode.MANUAL).maxInFlight(500);
 * }</pre>
 *
 * @param group the consumer group (default {@value #DEFAULT_GROUP})
 * @param ackMode when a delivery counts as done (default {@link AckMode#AUTO})
 * @param batchSize events read per round trip (default 500)
 * @param maxInFlight the group's bound on deliveries handed out and not yet acknowledged, set on the
 *     group when this member joins; 0 leaves the group's setting as it is (default 0; a group never
 *     set has 1000); an admin may change it live ({@link Subscriptions#setMaxInFlight})
 * @param visibilityTimeout in {@link AckMode#MANUAL}, how long a delivery may stay unacknowledged
 *     before it is delivered again (default 30 s)
 * @param pollInterval how long an idle member waits before it reads again unless a commit wakes it
 *     (default 1 s)
 * @param leaseDuration how long a partition's lease lasts unless renewed: a dead member's partitions
 *     move to the others within it (default 10 s; renewed every third of it)
 * @param maxAttempts tries of one event before it is parked in the dead letters (default 3)
 * @param retryBackoff wait before the second try, doubled for each later one (default 100 ms)
 * @param memberId this member's name in the group (default a random one)
 */
public record SubscriptionOptions(String group, AckMode ackMode, int batchSize, int maxInFlight,
    Duration visibilityTimeout, Duration pollInterval, Duration leaseDuration, int maxAttempts, Duration retryBackoff,
    String memberId) {

  /** The group of a member that names none. */
  public static final String DEFAULT_GROUP = "default";

  /** Checks the values. */
  public SubscriptionOptions {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(ackMode, "ackMode");
    Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(memberId, "memberId");
    if (group.isBlank() || memberId.isBlank()) {
      throw new IllegalArgumentException("group and memberId must not be blank");
    }
    if (batchSize < 1 || maxAttempts < 1 || maxInFlight < 0) {
      throw new IllegalArgumentException("batchSize and maxAttempts must be at least 1 and maxInFlight 0 or more, "
          + "but were " + batchSize + ", " + maxAttempts + " and " + maxInFlight);
    }
    if (pollInterval.isNegative() || pollInterval.isZero() || leaseDuration.toMillis() < 100
        || retryBackoff.isNegative() || visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
      throw new IllegalArgumentException("pollInterval and visibilityTimeout must be positive, leaseDuration at "
          + "least 100 ms and retryBackoff not negative, but were " + pollInterval + ", " + visibilityTimeout + ", "
          + leaseDuration + ", " + retryBackoff);
    }
  }

  /** The defaults. */
  public static SubscriptionOptions defaults() {
    return new SubscriptionOptions(DEFAULT_GROUP, AckMode.AUTO, 500, 0, Duration.ofSeconds(30), Duration.ofSeconds(1),
        Duration.ofSeconds(10), 3, Duration.ofMillis(100), "member-" + UUID.randomUUID());
  }

  /** In this consumer group. */
  public SubscriptionOptions group(String value) {
    return new SubscriptionOptions(value, ackMode, batchSize, maxInFlight, visibilityTimeout, pollInterval,
        leaseDuration, maxAttempts, retryBackoff, memberId);
  }

  /** With this ack mode. */
  public SubscriptionOptions ackMode(AckMode value) {
    return new SubscriptionOptions(group, value, batchSize, maxInFlight, visibilityTimeout, pollInterval,
        leaseDuration, maxAttempts, retryBackoff, memberId);
  }

  /** With this batch size. */
  public SubscriptionOptions batchSize(int value) {
    return new SubscriptionOptions(group, ackMode, value, maxInFlight, visibilityTimeout, pollInterval,
        leaseDuration, maxAttempts, retryBackoff, memberId);
  }

  /** Setting the group's max in-flight when this member joins. */
  public SubscriptionOptions maxInFlight(int value) {
    return new SubscriptionOptions(group, ackMode, batchSize, value, visibilityTimeout, pollInterval,
        leaseDuration, maxAttempts, retryBackoff, memberId);
  }

  /** With this visibility timeout. */
  public SubscriptionOptions visibilityTimeout(Duration value) {
    return new SubscriptionOptions(group, ackMode, batchSize, maxInFlight, value, pollInterval,
        leaseDuration, maxAttempts, retryBackoff, memberId);
  }

  /** With this poll interval. */
  public SubscriptionOptions pollInterval(Duration value) {
    return new SubscriptionOptions(group, ackMode, batchSize, maxInFlight, visibilityTimeout, value,
        leaseDuration, maxAttempts, retryBackoff, memberId);
  }

  /** With this lease duration. */
  public SubscriptionOptions leaseDuration(Duration value) {
    return new SubscriptionOptions(group, ackMode, batchSize, maxInFlight, visibilityTimeout, pollInterval,
        value, maxAttempts, retryBackoff, memberId);
  }

  /** With this number of tries. */
  public SubscriptionOptions maxAttempts(int value) {
    return new SubscriptionOptions(group, ackMode, batchSize, maxInFlight, visibilityTimeout, pollInterval,
        leaseDuration, value, retryBackoff, memberId);
  }

  /** With this first backoff. */
  public SubscriptionOptions retryBackoff(Duration value) {
    return new SubscriptionOptions(group, ackMode, batchSize, maxInFlight, visibilityTimeout, pollInterval,
        leaseDuration, maxAttempts, value, memberId);
  }

  /** With this member id. */
  public SubscriptionOptions memberId(String value) {
    return new SubscriptionOptions(group, ackMode, batchSize, maxInFlight, visibilityTimeout, pollInterval,
        leaseDuration, maxAttempts, retryBackoff, value);
  }
}
