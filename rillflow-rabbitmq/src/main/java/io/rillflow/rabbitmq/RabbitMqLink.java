package io.rillflow.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.rillflow.forwarding.BrokerLink;
import io.rillflow.forwarding.ForwardedHeaders;
import io.rillflow.subscriptions.Delivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One AMQP connection with one channel in confirm mode. A batch is published in order and waited on
 * with {@code waitForConfirmsOrDie}; a message the broker returned (mandatory, no queue took it) fails
 * the batch, as a nack or a lost connection does.
 */
final class RabbitMqLink implements BrokerLink {
  private static final String APP_ID = "rillflow";

  private final Connection connection;
  private final Channel channel;
  private final String exchange;
  private final Function<Delivery, String> routingKey;
  private final boolean mandatory;
  private final Duration confirmTimeout;
  private final AtomicReference<String> returned = new AtomicReference<>();

  private RabbitMqLink(Connection connection, Channel channel, String exchange, Function<Delivery, String> routingKey,
      boolean mandatory, Duration confirmTimeout) {
    this.connection = connection;
    this.channel = channel;
    this.exchange = exchange;
    this.routingKey = routingKey;
    this.mandatory = mandatory;
    this.confirmTimeout = confirmTimeout;
  }

  static RabbitMqLink open(ConnectionFactory factory, String connectionName, String exchange,
      Function<Delivery, String> routingKey, boolean mandatory, Duration confirmTimeout)
      throws IOException, TimeoutException {
    Connection connection = factory.newConnection(connectionName);
    try {
      Channel channel = connection.createChannel();
      channel.confirmSelect();
      RabbitMqLink link = new RabbitMqLink(connection, channel, exchange, routingKey, mandatory, confirmTimeout);
      channel.addReturnListener(message -> link.returned.compareAndSet(null,
          "message " + message.getProperties().getMessageId() + " (routing key " + message.getRoutingKey()
              + ") was returned by exchange '" + message.getExchange() + "': " + message.getReplyText()));
      return link;
    } catch (IOException | RuntimeException e) {
      connection.abort();
      throw e;
    }
  }

  @Override
  public void publish(List<Delivery> batch) throws IOException, InterruptedException, TimeoutException {
    for (Delivery delivery : batch) {
      channel.basicPublish(exchange, routingKey.apply(delivery), mandatory, properties(delivery),
          delivery.json().getBytes(StandardCharsets.UTF_8));
    }
    channel.waitForConfirmsOrDie(confirmTimeout.toMillis());
    // A return arrives before the confirm of its message, so it is seen here.
    String failure = returned.get();
    if (failure != null) {
      throw new IOException("RabbitMQ did not route a forwarded event: " + failure);
    }
  }

  private static AMQP.BasicProperties properties(Delivery delivery) {
    Map<String, Object> headers = new HashMap<>(ForwardedHeaders.of(delivery));
    return new AMQP.BasicProperties.Builder()
        .messageId(delivery.id())
        .type(delivery.event().type())
        .correlationId(delivery.correlationId())
        .timestamp(Date.from(delivery.event().timestamp()))
        .contentType("application/json")
        .contentEncoding("utf-8")
        .deliveryMode(2)
        .appId(APP_ID)
        .headers(headers)
        .build();
  }

  @Override
  public void close() {
    // abort: never waits on a broker that is gone, never throws.
    connection.abort(2_000);
  }
}
