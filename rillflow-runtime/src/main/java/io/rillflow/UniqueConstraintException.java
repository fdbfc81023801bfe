package io.rillflow;

/**
 * A write would give a second live document of a type the same value of a
 * {@code @Duplicated(unique = true)} field; nothing of the unit of work (or bulk insert) was written.
 */
public class UniqueConstraintException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final Class<?> documentType;
  private final String field;
  private final String value;

  /**
   * @param field the duplicated member's path, as in {@code @Duplicated(path = ...)}: {@code "isbn"}
   * @param value the value as PostgreSQL reported it (text; lower case for a {@code lowercase} field);
   *     {@code null} when it did not say
   */
  public UniqueConstraintException(Class<?> documentType, String field, String value, String index, Throwable cause) {
    super(documentType.getSimpleName() + "." + field + " must be unique, but "
        + (value == null ? "the value" : "\"" + value + "\"") + " is already taken by another "
        + documentType.getSimpleName() + " (unique index " + index + "); nothing was written", cause);
    this.documentType = documentType;
    this.field = field;
    this.value = value;
  }

  /** The document type. */
  public Class<?> documentType() {
    return documentType;
  }

  /** The duplicated field's path, dotted: {@code "isbn"}, {@code "address.city"}. */
  public String field() {
    return field;
  }

  /** The value that is taken, as text; {@code null} when the database did not report it. */
  public String value() {
    return value;
  }
}
