package io.rillflow.nats;

import io.nats.client.Options;
import io.rillflow.DocumentStore;
import io.rillflow.forwarding.Forwarder;
import io.rillflow.forwarding.ForwarderSettings;
import io.rillflow.subscriptions.Delivery;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Forwards a subscription's events to NATS JetStream: the subscription's checkpoint moves only after
 * the stream acknowledged (see {@link Forwarder} for the guarantees). Each message carries the event's
 * global position in the {@code Nats-Msg-Id} header, so JetStream drops a repeat within the stream's
 * duplicate window and a consumer can drop one later; {@link io.rillflow.forwarding.ForwardedHeaders}
 * travel as headers and the stored JSON is the body. The subjects must be captured by a JetStream
 * stream (a message no stream takes is a failure, published again after a backoff).
 *
 * <pre>{@code
 * try (Forwarder forwarder = NatsJetStreamForwarder.builder()
 *     .server("nats://127.0.0.1:4222")
 *     .subject(delivery -> "orders." + delivery.event().type())
 *     .build()
 *     .start(store, "orders-out")) {
 *   ...
 * }
 * }</pre>
 */
public final class NatsJetStreamForwarder {
  private final String server;
  private final String connectionName;
  private final Function<Delivery, String> subject;
  private final Duration ackTimeout;
  private final Duration connectTimeout;
  private final ForwarderSettings forwarding;

  private NatsJetStreamForwarder(Builder builder) {
    this.server = builder.server;
    this.connectionName = builder.connectionName;
    this.subject = builder.subject;
    this.ackTimeout = builder.ackTimeout;
    this.connectTimeout = builder.connectTimeout;
    this.forwarding = builder.forwarding;
  }

  /** A builder: {@code nats://127.0.0.1:4222}, subject {@code rillflow.<subscription>.<event type>}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts forwarding the subscription's events (a member of its group, see
   * {@link ForwarderSettings#member()}) until the returned forwarder is closed.
   *
   * @throws IllegalArgumentException when the store has no subscription of that name
   */
  public Forwarder start(DocumentStore store, String subscription) {
    Options options = new Options.Builder()
        .server(server)
        .connectionName(connectionName != null ? connectionName : "rillflow-forwarder-" + subscription)
        .connectionTimeout(connectTimeout)
        // The forwarder reconnects itself, resending what was not acknowledged.
        .noReconnect()
        .build();
    Function<Delivery, String> subjects = subject != null ? subject
        : delivery -> "rillflow." + delivery.subscription() + "." + delivery.event().type();
    return Forwarder.start(store, subscription, "nats", forwarding,
        () -> NatsJetStreamLink.open(options, subjects, ackTimeout));
  }

  /** A forwarder's settings; {@link #build()} checks them. */
  public static final class Builder {
    private String server = "nats://127.0.0.1:4222";
    private String connectionName;
    private Function<Delivery, String> subject;
    private Duration ackTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private ForwarderSettings forwarding = ForwarderSettings.defaults();

    private Builder() {}

    /** The server's URL ({@code nats://host:port}). */
    public Builder server(String url) {
      server = Objects.requireNonNull(url, "server");
      return this;
    }

    /** The connection's name as the server shows it (default {@code rillflow-forwarder-<subscription>}). */
    public Builder connectionName(String value) {
      connectionName = Objects.requireNonNull(value, "connectionName");
      return this;
    }

    /** The subject of each delivery (default {@code rillflow.<subscription>.<event type>}). */
    public Builder subject(Function<Delivery, String> value) {
      subject = Objects.requireNonNull(value, "subject");
      return this;
    }

    /** How long to wait for the stream's acks of one batch (default 10 s). */
    public Builder ackTimeout(Duration value) {
      ackTimeout = Objects.requireNonNull(value, "ackTimeout");
      return this;
    }

    /** How long to wait for a connection (default 5 s). */
    public Builder connectTimeout(Duration value) {
      connectTimeout = Objects.requireNonNull(value, "connectTimeout");
      return this;
    }

    /** Group, batch size and backoff (see {@link ForwarderSettings}). */
    public Builder forwarding(ForwarderSettings value) {
      forwarding = Objects.requireNonNull(value, "forwarding");
      return this;
    }

    /** The forwarder's description, checked. */
    public NatsJetStreamForwarder build() {
      if (ackTimeout.isNegative() || ackTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("ackTimeout and connectTimeout must be positive, but were " + ackTimeout
            + " and " + connectTimeout);
      }
      return new NatsJetStreamForwarder(this);
    }
  }
}
