package io.rillflow.forwarding;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings every broker's forwarder builder has ({@link LinkSettings} and {@link ForwarderSettings}); a
 * broker module's builder extends it with its own (hosts, exchanges, subjects).
 *
 * @param <B> the broker's builder, returned by each setter so calls chain
 */
public abstract class ForwarderBuilder<B extends ForwarderBuilder<B>> {
  private String connectionName;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration ackTimeout = Duration.ofSeconds(10);
  private ForwarderSettings forwarding = ForwarderSettings.defaults();

  /** For subclasses. */
  protected ForwarderBuilder() {}

  /** This builder as its own type. */
  protected abstract B self();

  /** The connection's name as the broker shows it (default {@code rillflow-forwarder-<subscription>}). */
  public B connectionName(String value) {
    connectionName = Objects.requireNonNull(value, "connectionName");
    return self();
  }

  /** How long to wait for a connection (default 5 s). */
  public B connectTimeout(Duration value) {
    connectTimeout = Objects.requireNonNull(value, "connectTimeout");
    return self();
  }

  /**
   * How long to wait for the broker's acknowledgements of one batch (default 10 s): RabbitMQ's publisher
   * confirms, JetStream's acks. A batch not acknowledged in time is published again on a new connection.
   */
  public B ackTimeout(Duration value) {
    ackTimeout = Objects.requireNonNull(value, "ackTimeout");
    return self();
  }

  /** Group, batch size and backoff (see {@link ForwarderSettings}). */
  public B forwarding(ForwarderSettings value) {
    forwarding = Objects.requireNonNull(value, "forwarding");
    return self();
  }

  /**
   * The connection settings as set so far, checked.
   *
   * @throws IllegalArgumentException when a timeout is not positive
   */
  protected LinkSettings linkSettings() {
    return new LinkSettings(connectionName, connectTimeout, ackTimeout);
  }

  /** The forwarding settings as set so far. */
  protected ForwarderSettings forwardingSettings() {
    return forwarding;
  }
}
