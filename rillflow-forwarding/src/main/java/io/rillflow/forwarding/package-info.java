/**
 * The transactional outbox done by the store, without a broker client: a {@link io.rillflow.forwarding.Forwarder}
 * pulls a subscription's events, hands each batch to a {@link io.rillflow.forwarding.BrokerLink} and
 * acknowledges the events only once the broker confirmed them, so the subscription's checkpoint never
 * passes an event the broker does not hold. Brokers: {@code io.rillflow.rabbitmq} and {@code io.rillflow.nats}.
 */
package io.rillflow.forwarding;
