package io.rillflow.forwarding;

import java.time.Duration;
import java.util.Objects;

/**
 * What every broker connection of a forwarder shares, whatever the broker: its name as the broker shows it,
 * how long to wait for a connection, and how long to wait for the broker's acknowledgements of one batch
 * (RabbitMQ's publisher confirms, JetStream's acks). Set through a {@link ForwarderBuilder}.
 *
 * @param connectionName the connection's name, or {@code null} for {@code rillflow-forwarder-<subscription>}
 * @param connectTimeout how long to wait for a connection (positive)
 * @param ackTimeout how long to wait for the acknowledgements of one batch (positive)
 */
public record LinkSettings(String connectionName, Duration connectTimeout, Duration ackTimeout) {

  /** Checks that both timeouts are positive. */
  public LinkSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    if (ackTimeout.isNegative() || ackTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("ackTimeout and connectTimeout must be positive, but were " + ackTimeout
          + " and " + connectTimeout);
    }
  }

  /** The connection's name when forwarding {@code subscription}. */
  public String connectionName(String subscription) {
    return connectionName != null ? connectionName : "rillflow-forwarder-" + subscription;
  }
}
