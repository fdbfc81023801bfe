package io.rillflow;

/** {@link DocumentSession#update} found no document with the id; nothing was written. */
public class DocumentNotFoundException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final Class<?> documentType;
  private final transient Object id;

  public DocumentNotFoundException(Class<?> documentType, Object id) {
    super(documentType.getSimpleName() + " " + id + " does not exist; use store() or insert() to create it");
    this.documentType = documentType;
    this.id = id;
  }

  /** The document type. */
  public Class<?> documentType() {
    return documentType;
  }

  /** The id that was not found. */
  public Object id() {
    return id;
  }
}
