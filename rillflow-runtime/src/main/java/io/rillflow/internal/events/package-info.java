/**
 * The event store: appends ({@link io.rillflow.internal.events.StreamAppender}), reads and the one
 * place where stored events become objects ({@link io.rillflow.internal.events.EventDecoder}, which
 * applies the upcast chains), the registry of event types and chains, and the SQL, built once per
 * store.
 */
package io.rillflow.internal.events;
