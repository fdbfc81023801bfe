package io.rillflow.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import io.rillflow.DocumentStore;
import io.rillflow.forwarding.Forwarder;
import io.rillflow.forwarding.ForwarderBuilder;
import io.rillflow.forwarding.ForwarderSettings;
import io.rillflow.forwarding.LinkSettings;
import io.rillflow.subscriptions.Delivery;
import java.util.Objects;
import java.util.function.Function;

/**
 * Forwards a subscription's events to a RabbitMQ exchange, with publisher confirms: the subscription's
 * checkpoint moves only after the broker confirmed (see {@link Forwarder} for the guarantees). Each
 * message has the event's global position as its AMQP {@code message-id}, the event type as its
 * {@code type}, the correlation id as its {@code correlation-id}, the stored JSON as its body
 * ({@code application/json}, persistent), and {@link io.rillflow.forwarding.ForwardedHeaders} as headers.
 * Messages are published {@code mandatory}: one no queue takes is a failure, published again after a
 * backoff, never confirmed away.
 *
 * <pre>{@code
 * store.subscriptions().create("orders-out", SubscriptionFilter.allEvents().streamTypes("order"));
 * try (Forwarder forwarder = RabbitMqForwarder.builder()
 *     .host("127.0.0.1").credentials("guest", "guest")
 *     .exchange("orders")
 *     .routingKey(delivery -> "order." + delivery.event().type())
 *     .build()
 *     .start(store, "orders-out")) {
 *   ...
 * }
 * }</pre>
 */
public final class RabbitMqForwarder {
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final String virtualHost;
  private final String exchange;
  private final Function<Delivery, String> routingKey;
  private final boolean mandatory;
  private final LinkSettings link;
  private final ForwarderSettings forwarding;

  private RabbitMqForwarder(Builder builder, LinkSettings link, ForwarderSettings forwarding) {
    this.host = builder.host;
    this.port = builder.port;
    this.username = builder.username;
    this.password = builder.password;
    this.virtualHost = builder.virtualHost;
    this.exchange = builder.exchange;
    this.routingKey = builder.routingKey;
    this.mandatory = builder.mandatory;
    this.link = link;
    this.forwarding = forwarding;
  }

  /** A builder: localhost:5672, guest/guest, virtual host "/", the default exchange, key = event type. */
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
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(host);
    factory.setPort(port);
    factory.setUsername(username);
    factory.setPassword(password);
    factory.setVirtualHost(virtualHost);
    factory.setConnectionTimeout((int) link.connectTimeout().toMillis());
    // The forwarder reconnects itself, resending what was not confirmed: the client's own recovery
    // would hide a lost batch from it.
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    String connectionName = link.connectionName(subscription);
    return Forwarder.start(store, subscription, "rabbitmq", forwarding,
        () -> RabbitMqLink.open(factory, connectionName, exchange, routingKey, mandatory, link.ackTimeout()));
  }

  /**
   * A forwarder's settings; {@link #build()} checks them. Besides these, the connection's name, timeouts
   * and forwarding settings of every forwarder ({@link ForwarderBuilder}); the ack timeout waits for
   * publisher confirms.
   */
  public static final class Builder extends ForwarderBuilder<Builder> {
    private String host = "127.0.0.1";
    private int port = 5672;
    private String username = "guest";
    private String password = "guest";
    private String virtualHost = "/";
    private String exchange = "";
    private Function<Delivery, String> routingKey = delivery -> delivery.event().type();
    private boolean mandatory = true;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** The broker's host. */
    public Builder host(String value) {
      host = Objects.requireNonNull(value, "host");
      return this;
    }

    /** The broker's AMQP port. */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** User name and password. */
    public Builder credentials(String user, String secret) {
      username = Objects.requireNonNull(user, "user");
      password = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /** The virtual host. */
    public Builder virtualHost(String value) {
      virtualHost = Objects.requireNonNull(value, "virtualHost");
      return this;
    }

    /** The exchange to publish to (it must exist; "" is the default exchange). */
    public Builder exchange(String value) {
      exchange = Objects.requireNonNull(value, "exchange");
      return this;
    }

    /** The routing key of each delivery (default: the event type name). */
    public Builder routingKey(Function<Delivery, String> value) {
      routingKey = Objects.requireNonNull(value, "routingKey");
      return this;
    }

    /**
     * Whether a message no queue takes is a failure (default {@code true}: it is published again after
     * a backoff); {@code false} lets the broker drop it.
     */
    public Builder mandatory(boolean value) {
      mandatory = value;
      return this;
    }

    /**
     * The forwarder's description, checked; later changes to this builder do not change it.
     *
     * @throws IllegalArgumentException when the port is out of range or a timeout is not positive
     */
    public RabbitMqForwarder build() {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535, but was " + port);
      }
      return new RabbitMqForwarder(this, linkSettings(), forwardingSettings());
    }
  }
}
