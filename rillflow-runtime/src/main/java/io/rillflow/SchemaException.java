package io.rillflow;

/**
 * The database schema cannot be brought to, or does not match, what the store needs: a migration
 * failed, a table is missing while {@link AutoCreate#NONE} forbids creating it, or two document
 * types claim the same table.
 */
public class SchemaException extends RillflowException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception naming the schema object at fault. */
  public SchemaException(String message) {
    super(message);
  }

  /** Creates an exception naming the schema object at fault, with the database's own error. */
  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
