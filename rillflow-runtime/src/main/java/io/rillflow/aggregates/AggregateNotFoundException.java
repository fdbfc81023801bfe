package io.rillflow.aggregates;

import io.rillflow.RillflowException;

/**
 * {@code update} found no state to decide on: the stream does not exist, or no event of it created
 * a state. {@code decide} was not called and nothing was written.
 */
public class AggregateNotFoundException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final Class<?> aggregateType;
  private final String streamId;

  public AggregateNotFoundException(Class<?> aggregateType, String streamId) {
    super(aggregateType.getSimpleName() + " stream " + streamId + " has no state to update: create it with"
        + " append(id, ExpectedVersion.noStream(), events), or decide on loadForWrite(id).state() when it may not"
        + " exist yet");
    this.aggregateType = aggregateType;
    this.streamId = streamId;
  }

  /** The aggregate type. */
  public Class<?> aggregateType() {
    return aggregateType;
  }

  /** The stream id, as stored. */
  public String streamId() {
    return streamId;
  }
}
