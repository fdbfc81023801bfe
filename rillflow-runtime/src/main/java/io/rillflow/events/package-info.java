/**
 * The event store: {@link io.rillflow.events.EventStore} (appends with an
 * {@link io.rillflow.events.ExpectedVersion}, stream and global reads from a
 * {@link io.rillflow.events.Checkpoint}), session appends, envelopes and their metadata, and the
 * event store's exceptions.
 */
package io.rillflow.events;
