package io.rillflow.aggregates;

import io.rillflow.RillflowException;
import io.rillflow.events.ExpectedVersion;

/**
 * An append would have left an aggregate in a state its {@link ValidatedAggregate#validate()}
 * rejects; nothing of the append (or of its unit of work) was written. The cause is what
 * {@code validate()} threw.
 *
 * <pre>{@code
 * try {
 *   store.aggregates(Stock.class).append(sku, ExpectedVersion.exactly(v), new ItemRemoved(sku, 7));
 * } catch (InvariantViolationException e) {
 *   // "Stock apple would break an invariant at version 2, so nothing was written: stock of apple below zero: -2"
 *   return badRequest(e.getCause().getMessage());
 * }
 * }</pre>
 */
public class InvariantViolationException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final Class<?> aggregateType;
  private final String streamId;
  private final long version;

  /**
   * @param aggregateType the aggregate class
   * @param streamId the stream
   * @param version the version the stream would have reached
   * @param cause what {@code validate()} threw
   */
  public InvariantViolationException(Class<?> aggregateType, String streamId, long version, RuntimeException cause) {
    super(aggregateType.getSimpleName() + " " + streamId + " would break an invariant at version " + version
        + ", so nothing was written: " + cause.getMessage(), cause);
    this.aggregateType = aggregateType;
    this.streamId = streamId;
    this.version = version;
  }

  /** The aggregate class. */
  public Class<?> aggregateType() {
    return aggregateType;
  }

  /** The stream. */
  public String streamId() {
    return streamId;
  }

  /** The version the stream would have reached. */
  public long version() {
    return version;
  }
}
