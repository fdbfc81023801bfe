package io.rillflow.internal.events;

import io.rillflow.events.UnknownEventTypeException;
import io.rillflow.events.UnknownEventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a stored event into its current class, on every read path (stream reads, global reads,
 * and later aggregates and projections): an unknown type name fails the read or, when the store is
 * built to skip them, is left out and logged; everything else goes through the type's
 * {@link UpcastChain}.
 */
final class EventDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);

  private final EventTypes types;
  private final UnknownEventTypes unknownTypes;

  EventDecoder(EventTypes types, UnknownEventTypes unknownTypes) {
    this.types = types;
    this.unknownTypes = unknownTypes;
  }

  /**
   * The event, or {@code null} when its type is unknown and the store skips those.
   *
   * @throws UnknownEventTypeException for an unknown type, unless skipped
   * @throws io.rillflow.events.EventDeserializationException when the row cannot be read
   */
  Object decode(String type, int schemaVersion, String json, long position, UpcastLookups.Read lookups) {
    UpcastChain chain = chain(type, schemaVersion, position);
    return chain == null ? null : chain.read(json, schemaVersion, position, lookups);
  }

  /** As {@link #decode(String, int, String, long, UpcastLookups.Read)}, from the JSON's UTF-8 bytes. */
  Object decode(String type, int schemaVersion, byte[] json, long position, UpcastLookups.Read lookups) {
    UpcastChain chain = chain(type, schemaVersion, position);
    return chain == null ? null : chain.read(json, schemaVersion, position, lookups);
  }

  private UpcastChain chain(String type, int schemaVersion, long position) {
    UpcastChain chain = types.chain(type);
    if (chain == null) {
      if (unknownTypes == UnknownEventTypes.SKIP) {
        LOG.warn("Skipped event at position {}: type \"{}\" (schema version {}) has no @Event class in this store",
            position, type, schemaVersion);
        return null;
      }
      throw new UnknownEventTypeException(type, schemaVersion, position);
    }
    return chain;
  }
}
