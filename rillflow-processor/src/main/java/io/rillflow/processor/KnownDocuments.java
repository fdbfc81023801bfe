package io.rillflow.processor;

import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.read.DocumentReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/** The documents this compilation read, by qualified name, for the repositories and read models that name them. */
final class KnownDocuments {
  private final Map<String, DocumentModel> byName = new HashMap<>();
  private final DocumentReader reader;

  KnownDocuments(DocumentReader reader) {
    this.reader = reader;
  }

  void add(List<DocumentModel> documents) {
    documents.forEach(document -> byName.put(document.type().canonicalName(), document));
  }

  /**
   * The model of {@code type}: one read in this compilation, else read now from the class path
   * (a document compiled earlier, in another module).
   */
  Optional<DocumentModel> model(TypeElement type) {
    DocumentModel known = byName.get(type.getQualifiedName().toString());
    return known != null ? Optional.of(known) : reader.read(type);
  }

  /** The model of {@code type} if this compilation read it without errors; never reads it again. */
  Optional<DocumentModel> known(TypeElement type) {
    return Optional.ofNullable(byName.get(type.getQualifiedName().toString()));
  }
}
