package io.rillflow.internal.events;

import java.util.UUID;

/** Turns the stream ids the API accepts, {@code UUID} or {@code String}, into the text key stored. */
public final class StreamKeys {
  private StreamKeys() {}

  /**
   * The stored key of {@code streamId}.
   *
   * @throws IllegalArgumentException when it is null, blank, or of another type
   */
  public static String of(Object streamId) {
    if (streamId instanceof UUID uuid) {
      return uuid.toString();
    }
    if (streamId instanceof String key) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("A stream id cannot be blank");
      }
      return key;
    }
    throw new IllegalArgumentException("A stream id is a UUID or a String, but was "
        + (streamId == null ? "null" : streamId.getClass().getName() + " (" + streamId + ")"));
  }
}
