package io.rillflow.events;

import io.rillflow.ConcurrencyException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an append stores beside its events, and its idempotency key. Immutable; made with
 * {@link #builder()}. Every event of one append gets the same headers, causation id and correlation
 * id.
 *
 * <pre>{@code
 * AppendOptions options = AppendOptions.builder()
 *     .header("user", "ada").correlationId(requestId).causationId(commandId)
 *     .idempotencyKey(commandId)                  // a retried command is refused, not written twice
 *     .build();
 * store.events().append(orderId, ExpectedVersion.any(), options, new OrderShipped(orderId));
 * }</pre>
 *
 * <p><b>Idempotency.</b> An append with a key that an earlier append to the same stream used
 * writes nothing and throws {@link IdempotencyConflictException}, which names the version and
 * position of the event the key was first stored with. It is refused rather than answered with the
 * first append's result because an append may be part of a {@code saveChanges()}: silently leaving
 * out one part of a unit of work, and writing the rest, would be worse than failing it. The key is
 * checked before the expected version, so a retry after a lost reply also gets this exception, not
 * a {@link ConcurrencyException}. Keys are per stream.
 */
public final class AppendOptions {
  /** No headers, no ids, no key. */
  public static final AppendOptions NONE = new Builder().build();

  private final Map<String, Object> headers;
  private final String causationId;
  private final String correlationId;
  private final String idempotencyKey;
  private final String streamType;

  private AppendOptions(Builder builder) {
    this.headers = Map.copyOf(builder.headers);
    this.causationId = builder.causationId;
    this.correlationId = builder.correlationId;
    this.idempotencyKey = builder.idempotencyKey;
    this.streamType = builder.streamType;
  }

  /** Starts a new set of options. */
  public static Builder builder() {
    return new Builder();
  }

  /** The headers, stored as one JSON object; empty when none. */
  public Map<String, Object> headers() {
    return headers;
  }

  /** The causation id, or {@code null}. */
  public String causationId() {
    return causationId;
  }

  /** The correlation id, or {@code null}. */
  public String correlationId() {
    return correlationId;
  }

  /** The idempotency key, or {@code null}. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The type recorded for a stream this append creates, or {@code null}. */
  public String streamType() {
    return streamType;
  }

  /**
   * These options over {@code defaults} (a store's or session's): what these leave unset comes from
   * the defaults, headers are merged (these win on a shared name). Defaults carry no idempotency key
   * or stream type, which belong to one append.
   */
  public AppendOptions over(AppendOptions defaults) {
    if (defaults == NONE || defaults == this) {
      return this;
    }
    Builder merged = new Builder();
    merged.headers.putAll(defaults.headers);
    merged.headers.putAll(headers);
    merged.causationId = causationId != null ? causationId : defaults.causationId;
    merged.correlationId = correlationId != null ? correlationId : defaults.correlationId;
    merged.idempotencyKey = idempotencyKey;
    merged.streamType = streamType;
    return merged.build();
  }

  /**
   * Checks that these options can serve as defaults for every append.
   *
   * @throws IllegalArgumentException when they hold an idempotency key or a stream type
   */
  public AppendOptions asDefaults() {
    if (idempotencyKey != null || streamType != null) {
      throw new IllegalArgumentException("Default append options carry headers, causation and correlation ids "
          + "only; an idempotency key or a stream type belongs to one append: " + this);
    }
    return this;
  }

  /** These options with another correlation id. */
  public AppendOptions withCorrelationId(String id) {
    Builder copy = copy();
    copy.correlationId = id;
    return copy.build();
  }

  /** These options with another causation id. */
  public AppendOptions withCausationId(String id) {
    Builder copy = copy();
    copy.causationId = id;
    return copy.build();
  }

  /** These options with one more header (or another value for it). */
  public AppendOptions withHeader(String name, Object value) {
    return copy().header(name, value).build();
  }

  private Builder copy() {
    Builder copy = new Builder();
    copy.headers.putAll(headers);
    copy.causationId = causationId;
    copy.correlationId = correlationId;
    copy.idempotencyKey = idempotencyKey;
    copy.streamType = streamType;
    return copy;
  }

  @Override
  public String toString() {
    return "AppendOptions[headers=" + headers + ", causationId=" + causationId + ", correlationId=" + correlationId
        + ", idempotencyKey=" + idempotencyKey + ", streamType=" + streamType + "]";
  }

  /** Collects options; not thread-safe, used once. */
  public static final class Builder {
    private final Map<String, Object> headers = new LinkedHashMap<>();
    private String causationId;
    private String correlationId;
    private String idempotencyKey;
    private String streamType;

    private Builder() {}

    /** Adds a header; the value is written as JSON by the store's mapper. */
    public Builder header(String name, Object value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds every header of {@code headers}. */
    public Builder headers(Map<String, ?> headers) {
      headers.forEach(this::header);
      return this;
    }

    /** The id of the message or event that caused these events. */
    public Builder causationId(String causationId) {
      this.causationId = Objects.requireNonNull(causationId, "causationId");
      return this;
    }

    /** The id tying these events to a conversation or request. */
    public Builder correlationId(String correlationId) {
      this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
      return this;
    }

    /** A key that an append to the same stream may use once; see {@link AppendOptions}. */
    public Builder idempotencyKey(String idempotencyKey) {
      if (Objects.requireNonNull(idempotencyKey, "idempotencyKey").isBlank()) {
        throw new IllegalArgumentException("An idempotency key cannot be blank");
      }
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /**
     * The type of the stream, recorded when this append creates it (later appends keep the first
     * type); lists streams with {@link EventStore#streamsOfType(String)}.
     */
    public Builder streamType(String streamType) {
      if (Objects.requireNonNull(streamType, "streamType").isBlank()) {
        throw new IllegalArgumentException("A stream type cannot be blank");
      }
      this.streamType = streamType;
      return this;
    }

    /** The options. */
    public AppendOptions build() {
      return new AppendOptions(this);
    }
  }
}
