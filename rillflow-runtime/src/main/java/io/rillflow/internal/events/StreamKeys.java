package io.rillflow.internal.events;

import io.rillflow.events.StreamIdentity;
import java.util.UUID;

/**
 * A store's one rule for stream ids ({@link StreamIdentity}): the key an API id is stored as, and how a
 * statement takes it. Every statement binds a stream id as text; in a store of {@code uuid} stream ids
 * the statement casts it ({@link #param()}, {@link #arrayParam()}), so the same bind serves both
 * layouts and the text store's SQL stays as it always was. Keys are canonical (a UUID's lower-case
 * text), so a key read back from the database equals the key a caller's id became.
 */
public final class StreamKeys {
  /** Stream ids stored as text. */
  public static final StreamKeys TEXT = new StreamKeys(StreamIdentity.TEXT, "?", "CAST(? AS text[])");
  /** Stream ids stored as uuid. */
  public static final StreamKeys UUID_KEYS =
      new StreamKeys(StreamIdentity.UUID, "CAST(? AS uuid)", "CAST(? AS uuid[])");

  private final StreamIdentity identity;
  private final String param;
  private final String arrayParam;

  private StreamKeys(StreamIdentity identity, String param, String arrayParam) {
    this.identity = identity;
    this.param = param;
    this.arrayParam = arrayParam;
  }

  /** The keys of a store whose stream ids are stored as {@code identity}. */
  public static StreamKeys of(StreamIdentity identity) {
    return identity == StreamIdentity.UUID ? UUID_KEYS : TEXT;
  }

  /** The stream id columns' type, as {@code format_type} names it: {@code text} or {@code uuid}. */
  public String columnType() {
    return identity == StreamIdentity.UUID ? "uuid" : "text";
  }

  /** A stream id parameter, bound with {@code setString}. */
  public String param() {
    return param;
  }

  /** An array of stream ids, bound as a {@code text[]}. */
  public String arrayParam() {
    return arrayParam;
  }

  /**
   * The stored key of {@code streamId}.
   *
   * @throws IllegalArgumentException when it is null, blank, of another type, or, in a store of
   *     {@code uuid} stream ids, a {@code String} that is not a UUID
   */
  public String key(Object streamId) {
    if (streamId instanceof UUID uuid) {
      return uuid.toString();
    }
    if (streamId instanceof String key) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("A stream id cannot be blank");
      }
      return identity == StreamIdentity.UUID ? uuidText(key) : key;
    }
    throw new IllegalArgumentException("A stream id is a UUID or a String, but was "
        + (streamId == null ? "null" : streamId.getClass().getName() + " (" + streamId + ")"));
  }

  private static String uuidText(String key) {
    // UUID.fromString takes short groups ("1-2-3-4-5"); only the 36-character form is a UUID's text here.
    if (key.length() == 36) {
      try {
        return UUID.fromString(key).toString();
      } catch (IllegalArgumentException notUuid) {
        // named below
      }
    }
    throw new IllegalArgumentException("Stream id \"" + key + "\" is not a UUID, and this store keeps its stream ids"
        + " as uuid (EventStorage with StreamIdentity.UUID): use a UUID, or a store of StreamIdentity.TEXT");
  }
}
