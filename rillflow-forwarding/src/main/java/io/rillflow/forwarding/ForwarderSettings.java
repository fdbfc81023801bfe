package io.rillflow.forwarding;

import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Forwarder} consumes its subscription and treats a broker that fails.
 *
 * <pre>{@code
 * ForwarderSettings.defaults().group("to-rabbit").batchSize(200).reconnectBackoff(Duration.ofMillis(200));
 * }</pre>
 *
 * @param member the subscription member the forwarder runs as: its group (default {@value #DEFAULT_GROUP}),
 *     lease and visibility timeout; its ack mode is always {@link AckMode#MANUAL} and its batch size is
 *     {@code batchSize}
 * @param batchSize events published per round of confirms (default 500)
 * @param pollWait how long an idle forwarder waits for new events in one poll (default 1 s)
 * @param reconnectBackoff the wait after a first failure, doubled after each further one (default 100 ms)
 * @param maxReconnectBackoff the longest wait between tries (default 5 s)
 */
public record ForwarderSettings(SubscriptionOptions member, int batchSize, Duration pollWait, Duration reconnectBackoff,
    Duration maxReconnectBackoff) {

  /** The consumer group of a forwarder that names none. */
  public static final String DEFAULT_GROUP = "forwarder";

  /** Checks the values; the member acknowledges manually, in batches of {@code batchSize}. */
  public ForwarderSettings {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(pollWait, "pollWait");
    Objects.requireNonNull(reconnectBackoff, "reconnectBackoff");
    Objects.requireNonNull(maxReconnectBackoff, "maxReconnectBackoff");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, but was " + batchSize);
    }
    if (pollWait.isNegative() || reconnectBackoff.isNegative() || reconnectBackoff.isZero()
        || maxReconnectBackoff.compareTo(reconnectBackoff) < 0) {
      throw new IllegalArgumentException("pollWait must not be negative, reconnectBackoff must be positive and "
          + "maxReconnectBackoff at least reconnectBackoff, but were " + pollWait + ", " + reconnectBackoff + " and "
          + maxReconnectBackoff);
    }
    member = member.ackMode(AckMode.MANUAL).batchSize(batchSize);
  }

  /** The defaults. */
  public static ForwarderSettings defaults() {
    return new ForwarderSettings(SubscriptionOptions.defaults().group(DEFAULT_GROUP), 500, Duration.ofSeconds(1),
        Duration.ofMillis(100), Duration.ofSeconds(5));
  }

  /** Running as this subscription member (group, lease, visibility timeout, member id). */
  public ForwarderSettings member(SubscriptionOptions value) {
    return new ForwarderSettings(value, batchSize, pollWait, reconnectBackoff, maxReconnectBackoff);
  }

  /** In this consumer group. */
  public ForwarderSettings group(String value) {
    return member(member.group(value));
  }

  /** Publishing this many events per round of confirms. */
  public ForwarderSettings batchSize(int value) {
    return new ForwarderSettings(member, value, pollWait, reconnectBackoff, maxReconnectBackoff);
  }

  /** Waiting this long for new events in one poll. */
  public ForwarderSettings pollWait(Duration value) {
    return new ForwarderSettings(member, batchSize, value, reconnectBackoff, maxReconnectBackoff);
  }

  /** Waiting this long after a first failure. */
  public ForwarderSettings reconnectBackoff(Duration value) {
    return new ForwarderSettings(member, batchSize, pollWait, value, maxReconnectBackoff);
  }

  /** Waiting at most this long between tries. */
  public ForwarderSettings maxReconnectBackoff(Duration value) {
    return new ForwarderSettings(member, batchSize, pollWait, reconnectBackoff, value);
  }
}
