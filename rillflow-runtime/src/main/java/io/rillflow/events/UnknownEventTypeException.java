package io.rillflow.events;

import io.rillflow.RillflowException;

/**
 * A stored event's type name belongs to no registered {@code @Event} class (see
 * {@link UnknownEventTypes} to skip such events instead). Nothing of the read is returned.
 *
 * <pre>{@code
 * catch (UnknownEventTypeException e) {
 *   log.error("no class for {} at {}", e.type(), e.position());
 * }
 * }</pre>
 */
public class UnknownEventTypeException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final int schemaVersion;
  private final long position;

  /**
   * @param type the stored type name
   * @param schemaVersion the stored schema version
   * @param position the event's global position
   */
  public UnknownEventTypeException(String type, int schemaVersion, long position) {
    super("Event type \"" + type + "\" (schema version " + schemaVersion + ") at position " + position
        + " has no @Event class in this store: add @Event(name = \"" + type + "\") to a class the Rillflow "
        + "processor compiles, or build the store with unknownEventTypes(UnknownEventTypes.SKIP)");
    this.type = type;
    this.schemaVersion = schemaVersion;
    this.position = position;
  }

  /** The stored type name. */
  public String type() {
    return type;
  }

  /** The stored schema version. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** The event's global position. */
  public long position() {
    return position;
  }
}
