/**
 * Forwards a subscription's events to RabbitMQ (AMQP 0-9-1 with publisher confirms):
 * {@link io.rillflow.rabbitmq.RabbitMqForwarder}.
 */
package io.rillflow.rabbitmq;
