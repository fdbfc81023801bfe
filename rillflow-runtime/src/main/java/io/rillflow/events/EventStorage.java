package io.rillflow.events;

import java.util.Objects;

/**
 * How a store lays out its events on disk, set once per store
 * ({@code DocumentStore.builder().eventStorage(...)}).
 *
 * <ul>
 *   <li>{@link #streamIdentity()}: stream ids as {@code text} (any id; the default) or as {@code uuid}.
 *       A store of {@link StreamIdentity#UUID} converts its schema's stream ids on its first start, in one
 *       transaction that keeps every row (and refuses, naming it, a stream id that is not a UUID); a store
 *       of the other identity then refuses the schema rather than fail on its first append. A schema of uuid
 *       stream ids also keys its events by their place in the global order ({@code (tx_id, seq_id)}), with no
 *       separate index of positions: one index fewer to write per event. The conversion rewrites the event
 *       tables under an exclusive lock: stop every node of the older layout first.
 *   <li>{@link #typeIndex()}: the index on event type names ({@code rf_events_type_global}) that serves
 *       {@code readAll(type)} and event queries of types alone without walking the global order. Without
 *       it those reads still work, walking every event from their checkpoint; an event costs about 50
 *       bytes less. A start with {@code AutoCreate} other than {@code NONE} creates or drops it to match.
 * </ul>
 *
 * <pre>{@code
 * DocumentStore store = DocumentStore.builder().url(url).eventStorage(EventStorage.compact()).build();
 * }</pre>
 *
 * @param streamIdentity how stream ids are stored
 * @param typeIndex whether event type names are indexed
 */
public record EventStorage(StreamIdentity streamIdentity, boolean typeIndex) {
  /** Text stream ids and the type index: what every store had before this option, and the default. */
  public static final EventStorage DEFAULT = new EventStorage(StreamIdentity.TEXT, true);

  public EventStorage {
    Objects.requireNonNull(streamIdentity, "streamIdentity");
  }

  /**
   * The smallest events: {@code uuid} stream ids and no type index (in the project's
   * {@code EventBytesBench}, at or below a hand-written four-column table with text stream ids).
   */
  public static EventStorage compact() {
    return new EventStorage(StreamIdentity.UUID, false);
  }

  /** This layout with stream ids stored as {@code identity}. */
  public EventStorage withStreamIdentity(StreamIdentity identity) {
    return new EventStorage(identity, typeIndex);
  }

  /** This layout with or without the type index. */
  public EventStorage withTypeIndex(boolean index) {
    return new EventStorage(streamIdentity, index);
  }
}
