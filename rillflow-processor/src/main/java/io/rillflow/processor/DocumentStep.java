package io.rillflow.processor;

import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.read.DocumentReader;
import io.rillflow.processor.read.MetamodelReader;
import io.rillflow.processor.read.MissingTypes;
import io.rillflow.processor.write.DocumentMappingWriter;
import io.rillflow.processor.write.MetamodelWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Processes {@code @Document} types: reads each into a model, checks the documents against each
 * other (one table, one type), and writes their mappings and metamodels when the compilation has
 * no error.
 */
final class DocumentStep {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final DocumentReader reader;
  private final DocumentMappingWriter writer;
  private final MetamodelWriter metamodelWriter;
  /** Across rounds: a later round's document may clash with an earlier one's table. */
  private final Map<String, DocumentModel> byTable = new HashMap<>();
  /** Every document read, by qualified name, for repositories to find theirs. */
  private final Map<String, DocumentModel> byName = new HashMap<>();
  /** Documents with a member whose type another processor has yet to generate. */
  private final Deferral deferral = new Deferral(
      element -> element instanceof TypeElement type ? MissingTypes.in(type) : List.of(), true);

  DocumentStep(Elements elements, Types types, Diagnostics diagnostics, DocumentMappingWriter writer,
      MetamodelWriter metamodelWriter) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.reader = new DocumentReader(diagnostics, new MetamodelReader(types));
    this.writer = writer;
    this.metamodelWriter = metamodelWriter;
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

  /** The documents read in this round, their mappings written unless there were errors. */
  List<DocumentModel> process(RoundEnvironment round) {
    List<DocumentModel> read = AnnotatedElements.read(elements, round, "io.rillflow.annotations.Document", diagnostics,
        reader::read, deferral);
    for (DocumentModel document : read) {
      byName.put(document.type().canonicalName(), document);
      DocumentModel owner = byTable.putIfAbsent(document.table(), document);
      if (owner != null) {
        diagnostics.error(document.element(), Message.TABLE_TWICE,
            owner.type().canonicalName(), document.type().canonicalName(), document.table());
      }
    }
    if (!diagnostics.hasErrors()) {
      for (DocumentModel document : read) {
        writer.write(document);
        metamodelWriter.write(document);
      }
    }
    return read;
  }
}
