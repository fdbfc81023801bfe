/**
 * Forwards a subscription's events to NATS JetStream (publish acks, {@code Nats-Msg-Id}
 * de-duplication): {@link io.rillflow.nats.NatsJetStreamForwarder}.
 */
package io.rillflow.nats;
