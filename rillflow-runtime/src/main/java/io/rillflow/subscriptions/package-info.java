/**
 * Subscriptions: react to events outside PostgreSQL (send the e-mail, call the payment provider,
 * publish to a broker). A subscription is a named filter over the global order of events; consumer
 * groups share its work by stream, each partition owned through a lease with an epoch; deliveries
 * are acknowledged automatically, by hand, or in the caller's own transaction. From
 * {@link io.rillflow.DocumentStore#subscriptions()}.
 */
package io.rillflow.subscriptions;
