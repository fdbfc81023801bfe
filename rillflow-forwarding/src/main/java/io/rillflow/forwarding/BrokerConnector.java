package io.rillflow.forwarding;

/** Opens a {@link BrokerLink}: at a forwarder's start and again after a link failed. */
@FunctionalInterface
public interface BrokerConnector {

  /**
   * A new, open link.
   *
   * @throws Exception when the broker cannot be reached (the forwarder tries again after a backoff)
   */
  BrokerLink connect() throws Exception;
}
