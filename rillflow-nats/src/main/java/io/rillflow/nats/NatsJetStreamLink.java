package io.rillflow.nats;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rillflow.forwarding.BrokerLink;
import io.rillflow.forwarding.ForwardedHeaders;
import io.rillflow.subscriptions.Delivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One NATS connection publishing to JetStream: a batch goes out asynchronously, in order, and is
 * waited on ack by ack within one deadline. {@code Nats-Msg-Id} is the event's global position, so a
 * batch sent again after a lost connection is stored once by the stream within its duplicate window.
 */
final class NatsJetStreamLink implements BrokerLink {
  /** The header JetStream de-duplicates on. */
  static final String MSG_ID = "Nats-Msg-Id";

  private final Connection connection;
  private final JetStream jetStream;
  private final Function<Delivery, String> subject;
  private final Duration ackTimeout;

  private NatsJetStreamLink(Connection connection, JetStream jetStream, Function<Delivery, String> subject,
      Duration ackTimeout) {
    this.connection = connection;
    this.jetStream = jetStream;
    this.subject = subject;
    this.ackTimeout = ackTimeout;
  }

  static NatsJetStreamLink open(Options options, Function<Delivery, String> subject, Duration ackTimeout)
      throws IOException, InterruptedException {
    Connection connection = Nats.connect(options);
    try {
      JetStream jetStream = connection.jetStream(JetStreamOptions.builder().requestTimeout(ackTimeout).build());
      return new NatsJetStreamLink(connection, jetStream, subject, ackTimeout);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public void publish(List<Delivery> batch) throws IOException, InterruptedException, TimeoutException {
    if (connection.getStatus() != Connection.Status.CONNECTED) {
      throw new IOException("NATS connection is " + connection.getStatus());
    }
    List<CompletableFuture<PublishAck>> acks = new ArrayList<>(batch.size());
    for (Delivery delivery : batch) {
      Headers headers = new Headers();
      headers.put(MSG_ID, delivery.id());
      ForwardedHeaders.of(delivery).forEach(headers::put);
      acks.add(jetStream.publishAsync(NatsMessage.builder()
          .subject(subject.apply(delivery))
          .headers(headers)
          .data(delivery.json().getBytes(StandardCharsets.UTF_8))
          .build()));
    }
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    for (CompletableFuture<PublishAck> ack : acks) {
      try {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new IOException("JetStream did not acknowledge a forwarded event: " + e.getCause().getMessage(),
            e.getCause());
      }
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
