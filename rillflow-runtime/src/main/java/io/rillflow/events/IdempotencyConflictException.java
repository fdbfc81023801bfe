package io.rillflow.events;

import io.rillflow.RillflowException;

/**
 * An append used an idempotency key that an earlier append to the same stream already used (with
 * {@code storeWideIdempotencyKeys(true)} on the builder: to any stream, and {@link #streamId()} names
 * it); this one wrote nothing (nor did the rest of its {@code saveChanges()}). The earlier append's events
 * are stored: a caller retrying after a lost reply may treat this as success.
 *
 * <pre>{@code
 * try {
 *   events.append(orderId, ExpectedVersion.any(),
 *       AppendOptions.builder().idempotencyKey(commandId).build(), new OrderShipped(orderId));
 * } catch (IdempotencyConflictException done) {
 *   // already handled: done.version() is the version the key was first stored at
 * }
 * }</pre>
 */
public class IdempotencyConflictException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final String streamId;
  private final String idempotencyKey;
  private final long version;
  private final long position;

  /**
   * @param streamId the stream's key as stored
   * @param idempotencyKey the key used twice
   * @param version the stream version of the first event of the earlier append
   * @param position that event's global position
   */
  public IdempotencyConflictException(String streamId, String idempotencyKey, long version, long position) {
    super("stream " + streamId + ": idempotency key \"" + idempotencyKey + "\" was already used by the append "
        + "that wrote version " + version + " (position " + position + "); nothing was written");
    this.streamId = streamId;
    this.idempotencyKey = idempotencyKey;
    this.version = version;
    this.position = position;
  }

  /** The stream's key as stored. */
  public String streamId() {
    return streamId;
  }

  /** The key used twice. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The stream version of the first event the key was stored with. */
  public long version() {
    return version;
  }

  /** The global position of that event. */
  public long position() {
    return position;
  }
}
