package io.rillflow.events;

import java.time.Instant;

/**
 * One stream as its row says: version, type, whether it is archived.
 *
 * <pre>{@code
 * long version = store.events().streamState(orderId).map(StreamState::version).orElse(0L);
 * }</pre>
 *
 * @param streamId the stream's key as stored
 * @param version the version of its last event
 * @param streamType the type given with {@link AppendOptions.Builder#streamType(String)} when the
 *     stream was created, or {@code null}
 * @param archived whether it is archived: hidden from reads, kept in the table
 * @param createdAt when its first event was written
 * @param updatedAt when it last changed
 */
public record StreamState(
    String streamId, long version, String streamType, boolean archived, Instant createdAt, Instant updatedAt) {}
