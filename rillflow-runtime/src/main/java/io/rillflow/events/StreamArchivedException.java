package io.rillflow.events;

import io.rillflow.RillflowException;

/**
 * An append went to an archived stream; nothing was written. Archived streams are read-only until
 * {@link EventStore#unarchiveStream(UUID)}.
 *
 * <pre>{@code
 * catch (StreamArchivedException e) {
 *   log.warn("order {} is closed", e.streamId());
 * }
 * }</pre>
 */
public class StreamArchivedException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final String streamId;

  /** @param streamId the stream's key as stored */
  public StreamArchivedException(String streamId) {
    super("stream " + streamId + " is archived; nothing was written (unarchiveStream() makes it writable again)");
    this.streamId = streamId;
  }

  /** The stream's key as stored. */
  public String streamId() {
    return streamId;
  }
}
