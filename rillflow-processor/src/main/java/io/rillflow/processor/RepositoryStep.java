package io.rillflow.processor;

import io.rillflow.processor.model.RepositoryModel;
import io.rillflow.processor.read.RepositoryReader;
import io.rillflow.processor.write.RepositoryWriter;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Processes {@code @Repository} interfaces: reads, checks, and writes their implementations. */
final class RepositoryStep {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final RepositoryReader reader;
  private final RepositoryWriter writer;

  RepositoryStep(Elements elements, Diagnostics diagnostics, RepositoryReader reader, RepositoryWriter writer) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.reader = reader;
    this.writer = writer;
  }

  List<RepositoryModel> process(RoundEnvironment round) {
    TypeElement annotation = elements.getTypeElement("io.rillflow.annotations.Repository");
    if (annotation == null) {
      return List.of();
    }
    List<RepositoryModel> read = new ArrayList<>();
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      try {
        reader.read(element).ifPresent(read::add);
      } catch (RuntimeException e) {
        diagnostics.internalError(element, e);
      }
    }
    if (!diagnostics.hasErrors()) {
      read.forEach(writer::write);
    }
    return read;
  }
}
