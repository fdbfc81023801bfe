package io.rillflow.processor;

import io.rillflow.processor.model.AggregateModel;
import io.rillflow.processor.read.AggregateReader;
import io.rillflow.processor.write.AggregateWriter;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Processes {@code @Aggregate} types: reads each with its {@code @Apply} handlers, and writes its
 * {@code <Type>_Aggregate} when the compilation has no error.
 */
final class AggregateStep {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final AggregateReader reader;
  private final AggregateWriter writer;

  AggregateStep(Elements elements, Diagnostics diagnostics, AggregateReader reader, AggregateWriter writer) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.reader = reader;
    this.writer = writer;
  }

  /** The aggregates read in this round, their folders written unless there were errors. */
  List<AggregateModel> process(RoundEnvironment round) {
    TypeElement annotation = elements.getTypeElement("io.rillflow.annotations.Aggregate");
    if (annotation == null) {
      return List.of();
    }
    List<AggregateModel> read = new ArrayList<>();
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
