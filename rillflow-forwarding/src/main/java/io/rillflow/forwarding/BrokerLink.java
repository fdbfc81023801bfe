package io.rillflow.forwarding;

import io.rillflow.subscriptions.Delivery;
import java.util.List;

/**
 * One connection to a broker, as a {@link Forwarder} uses it: publish a batch in order and return
 * only once the broker confirmed every message of it. A link that failed is closed and never used
 * again; the forwarder asks its {@link BrokerConnector} for a new one and publishes the batch again.
 */
public interface BrokerLink extends AutoCloseable {

  /**
   * Publishes the deliveries in their order, each with {@link Delivery#id()} as its message id and
   * {@link ForwardedHeaders#of(Delivery)} as headers, and waits until the broker confirmed them all.
   *
   * @throws Exception when the broker refused a message, did not confirm within the link's timeout,
   *     or the connection was lost: some of the batch may have arrived, none of it counts as confirmed
   */
  void publish(List<Delivery> batch) throws Exception;

  /** Closes the connection; harmless on a link that failed or is closed. */
  @Override
  void close();
}
