package io.rillflow.events;

import java.util.Map;
import java.util.Objects;

/**
 * What was stored beside an event: the headers, causation id and correlation id its append was
 * given with {@link AppendOptions}.
 *
 * <pre>{@code
 * EventMetadata meta = envelope.metadata();
 * String user = (String) meta.headers().get("user");
 * }</pre>
 *
 * @param headers the headers, read back from JSON (strings, numbers, booleans, lists and maps);
 *     empty when none were given
 * @param causationId the id of what caused the event, or {@code null}
 * @param correlationId the id that ties the event to a conversation or request, or {@code null}
 */
public record EventMetadata(Map<String, Object> headers, String causationId, String correlationId) {
  /** No headers, no ids. */
  public static final EventMetadata NONE = new EventMetadata(Map.of(), null, null);

  /** Copies the headers; they cannot be changed afterwards. */
  public EventMetadata {
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
  }
}
