package io.rillflow.events;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What was stored beside an event: the headers, causation id and correlation id its append was
 * given with {@link AppendOptions}. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * EventMetadata meta = envelope.metadata();
 * String user = (String) meta.headers().get("user");
 * }</pre>
 *
 * <p>The store reads headers lazily ({@link #parsedOnFirstUse}): their JSON is parsed the first time
 * {@link #headers()} is asked for, so a reader that never looks at them (a projection folding event
 * data, a catch-up) allocates no map per event. The parse is a pure function of the stored text: two
 * threads asking at once may both parse, and both get equal maps; every later call returns the one
 * published through a volatile field (the racy single-check idiom of {@code String.hashCode}).
 */
public final class EventMetadata {
  /** No headers, no ids. */
  public static final EventMetadata NONE = new EventMetadata(Map.of(), null, null);

  /** Parses the headers; {@code null} when they were given already parsed. */
  private final Supplier<? extends Map<String, ?>> parser;
  private final String causationId;
  private final String correlationId;
  /** The headers once known; written once (or twice to equal values), read without a lock. */
  private volatile Map<String, Object> headers;

  /**
   * Metadata with these headers (copied; they cannot be changed afterwards).
   *
   * @param headers the headers; empty when none were given
   * @param causationId the id of what caused the event, or {@code null}
   * @param correlationId the id that ties the event to a conversation or request, or {@code null}
   */
  public EventMetadata(Map<String, Object> headers, String causationId, String correlationId) {
    this.headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    this.parser = null;
    this.causationId = causationId;
    this.correlationId = correlationId;
  }

  private EventMetadata(Supplier<? extends Map<String, ?>> parser, String causationId, String correlationId) {
    this.parser = parser;
    this.causationId = causationId;
    this.correlationId = correlationId;
  }

  /**
   * Metadata whose headers {@code parser} makes on the first call of {@link #headers()} (copied as by
   * the constructor). The parser must be a pure function (it may run more than once when threads
   * race) and may throw: then {@link #headers()} throws it, on every call, and the ids stay readable.
   */
  public static EventMetadata parsedOnFirstUse(Supplier<? extends Map<String, ?>> parser, String causationId,
      String correlationId) {
    return new EventMetadata(Objects.requireNonNull(parser, "parser"), causationId, correlationId);
  }

  /**
   * The headers, read back from JSON (strings, numbers, booleans, lists and maps); empty when none
   * were given. Unmodifiable.
   *
   * @throws EventDeserializationException when the stored headers cannot be read (naming the event)
   */
  public Map<String, Object> headers() {
    Map<String, Object> known = headers;
    if (known == null) {
      known = Map.copyOf(parser.get());
      headers = known;
    }
    return known;
  }

  /** The id of what caused the event, or {@code null}. */
  public String causationId() {
    return causationId;
  }

  /** The id that ties the event to a conversation or request, or {@code null}. */
  public String correlationId() {
    return correlationId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EventMetadata that && headers().equals(that.headers())
        && Objects.equals(causationId, that.causationId) && Objects.equals(correlationId, that.correlationId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(headers(), causationId, correlationId);
  }

  @Override
  public String toString() {
    return "EventMetadata[headers=" + headers() + ", causationId=" + causationId + ", correlationId="
        + correlationId + "]";
  }
}
