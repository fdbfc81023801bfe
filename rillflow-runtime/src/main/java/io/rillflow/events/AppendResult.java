package io.rillflow.events;

/**
 * What an append wrote.
 *
 * <pre>{@code
 * AppendResult r = store.events().append(orderId, ExpectedVersion.noStream(), placed, paid);
 * store.events().append(orderId, ExpectedVersion.exactly(r.version()), shipped);
 * }</pre>
 *
 * @param streamId the stream's key as stored
 * @param firstVersion the stream version of the first event written
 * @param version the stream's version now: that of the last event written
 * @param lastPosition the global position of the last event written
 */
public record AppendResult(String streamId, long firstVersion, long version, long lastPosition) {

  /** How many events were written. */
  public int count() {
    return (int) (version - firstVersion + 1);
  }
}
