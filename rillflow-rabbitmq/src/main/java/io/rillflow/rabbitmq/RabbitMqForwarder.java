package io.rillflow.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import io.rillflow.DocumentStore;
import io.rillflow.forwarding.Forwarder;
import io.rillflow.forwarding.ForwarderSettings;
import io.rillflow.subscriptions.Delivery;
import java.time.Duration;
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
  private final Builder settings;

  private RabbitMqForwarder(Builder settings) {
    this.settings = settings;
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
    factory.setHost(settings.host);
    factory.setPort(settings.port);
    factory.setUsername(settings.username);
    factory.setPassword(settings.password);
    factory.setVirtualHost(settings.virtualHost);
    factory.setConnectionTimeout((int) settings.connectTimeout.toMillis());
    // The forwarder reconnects itself, resending what was not confirmed: the client's own recovery
    // would hide a lost batch from it.
    factory.setAutomaticRecoveryEnabled(false);
    factory.setTopologyRecoveryEnabled(false);
    String connectionName = settings.connectionName != null ? settings.connectionName : "rillflow-forwarder-" + subscription;
    return Forwarder.start(store, subscription, "rabbitmq", settings.forwarding,
        () -> RabbitMqLink.open(factory, connectionName, settings.exchange, settings.routingKey, settings.mandatory,
            settings.confirmTimeout));
  }

  /** A forwarder's settings; {@link #build()} checks them. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 5672;
    private String username = "guest";
    private String password = "guest";
    private String virtualHost = "/";
    private String connectionName;
    private String exchange = "";
    private Function<Delivery, String> routingKey = delivery -> delivery.event().type();
    private boolean mandatory = true;
    private Duration confirmTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private ForwarderSettings forwarding = ForwarderSettings.defaults();

    private Builder() {}

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

    /** The connection's name as the broker shows it (default {@code rillflow-forwarder-<subscription>}). */
    public Builder connectionName(String value) {
      connectionName = Objects.requireNonNull(value, "connectionName");
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

    /** How long to wait for the broker's confirms of one batch (default 10 s). */
    public Builder confirmTimeout(Duration value) {
      confirmTimeout = Objects.requireNonNull(value, "confirmTimeout");
      return this;
    }

    /** How long to wait for a TCP connection (default 5 s). */
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
    public RabbitMqForwarder build() {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535, but was " + port);
      }
      if (confirmTimeout.isNegative() || confirmTimeout.isZero() || connectTimeout.isNegative()
          || connectTimeout.isZero()) {
        throw new IllegalArgumentException("confirmTimeout and connectTimeout must be positive, but were "
            + confirmTimeout + " and " + connectTimeout);
      }
      Builder copy = new Builder();
      copy.host = host;
      copy.port = port;
      copy.username = username;
      copy.password = password;
      copy.virtualHost = virtualHost;
      copy.connectionName = connectionName;
      copy.exchange = exchange;
      copy.routingKey = routingKey;
      copy.mandatory = mandatory;
      copy.confirmTimeout = confirmTimeout;
      copy.connectTimeout = connectTimeout;
      copy.forwarding = forwarding;
      return new RabbitMqForwarder(copy);
    }
  }
}
