package io.rillflow.events;

import io.rillflow.RillflowException;

/**
 * A stored event could not be turned into its class: its JSON does not fit the class (or an
 * upcast step of its chain failed). Names the stored type, schema version and global position, so
 * the row can be found and repaired; nothing of the read is returned.
 *
 * <pre>{@code
 * catch (EventDeserializationException e) {
 *   log.error("bad event {} v{} at {}", e.type(), e.schemaVersion(), e.position(), e);
 * }
 * }</pre>
 */
public class EventDeserializationException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final int schemaVersion;
  private final long position;

  /**
   * @param type the stored type name
   * @param schemaVersion the stored schema version
   * @param position the event's global position
   * @param problem what did not fit
   * @param cause the mapper's or upcaster's failure
   */
  public EventDeserializationException(String type, int schemaVersion, long position, String problem, Throwable cause) {
    super("Cannot read event " + type + " (schema version " + schemaVersion + ") at position " + position
        + ": " + problem, cause);
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
