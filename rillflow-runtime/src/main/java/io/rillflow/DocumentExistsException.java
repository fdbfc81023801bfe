package io.rillflow;

/** {@link DocumentSession#insert} found a document with the same id; nothing was written. */
public class DocumentExistsException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final Class<?> documentType;
  private final transient Object id;

  public DocumentExistsException(Class<?> documentType, Object id) {
    super(documentType.getSimpleName() + " " + id + " already exists; use store() to replace it or update() to change it");
    this.documentType = documentType;
    this.id = id;
  }

  /** The document type. */
  public Class<?> documentType() {
    return documentType;
  }

  /** The id that exists. */
  public Object id() {
    return id;
  }
}
