package io.rillflow.processor;

import io.rillflow.processor.model.AggregateModel;
import io.rillflow.processor.read.AggregateReader;
import io.rillflow.processor.write.AggregateWriter;
import java.util.List;
import javax.annotation.processing.RoundEnvironment;
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
    List<AggregateModel> read = AnnotatedElements.read(elements, round, "io.rillflow.annotations.Aggregate", diagnostics, reader::read);
    if (!diagnostics.hasErrors()) {
      read.forEach(writer::write);
    }
    return read;
  }
}
