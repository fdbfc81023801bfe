package io.rillflow.nats;

import io.nats.client.Options;
import io.rillflow.DocumentStore;
import io.rillflow.forwarding.Forwarder;
import io.rillflow.forwarding.ForwarderBuilder;
import io.rillflow.forwarding.ForwarderSettings;
import io.rillflow.forwarding.LinkSettings;
import io.rillflow.subscriptions.Delivery;
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
  private final Function<Delivery, String> subject;
  private final LinkSettings link;
  private final ForwarderSettings forwarding;

  private NatsJetStreamForwarder(Builder builder, LinkSettings link, ForwarderSettings forwarding) {
    this.server = builder.server;
    this.subject = builder.subject;
    this.link = link;
    this.forwarding = forwarding;
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
        .connectionName(link.connectionName(subscription))
        .connectionTimeout(link.connectTimeout())
        // The forwarder reconnects itself, resending what was not acknowledged.
        .noReconnect()
        .build();
    Function<Delivery, String> subjects = subject != null ? subject
        : delivery -> "rillflow." + delivery.subscription() + "." + delivery.event().type();
    return Forwarder.start(store, subscription, "nats", forwarding,
        () -> NatsJetStreamLink.open(options, subjects, link.ackTimeout()));
  }

  /**
   * A forwarder's settings; {@link #build()} checks them. Besides these, the connection's name, timeouts
   * and forwarding settings of every forwarder ({@link ForwarderBuilder}); the ack timeout waits for the
   * stream's acks.
   */
  public static final class Builder extends ForwarderBuilder<Builder> {
    private String server = "nats://127.0.0.1:4222";
    private Function<Delivery, String> subject;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** The server's URL ({@code nats://host:port}). */
    public Builder server(String url) {
      server = Objects.requireNonNull(url, "server");
      return this;
    }

    /** The subject of each delivery (default {@code rillflow.<subscription>.<event type>}). */
    public Builder subject(Function<Delivery, String> value) {
      subject = Objects.requireNonNull(value, "subject");
      return this;
    }

    /**
     * The forwarder's description, checked; later changes to this builder do not change it.
     *
     * @throws IllegalArgumentException when a timeout is not positive
     */
    public NatsJetStreamForwarder build() {
      return new NatsJetStreamForwarder(this, linkSettings(), forwardingSettings());
    }
  }
}
