package io.rillflow.processor;

import io.rillflow.processor.model.RepositoryModel;
import io.rillflow.processor.read.MissingTypes;
import io.rillflow.processor.read.RepositoryReader;
import io.rillflow.processor.write.RepositoryWriter;
import java.util.List;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.util.Elements;

/** Processes {@code @Repository} interfaces: reads, checks, and writes their implementations. */
final class RepositoryStep {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final RepositoryReader reader;
  private final RepositoryWriter writer;
  /** Repositories whose document waits for a type another processor has yet to generate (reported there). */
  private final Deferral deferral = new Deferral(
      element -> reader().documentOf(element).map(MissingTypes::in).orElse(List.of()), false);

  RepositoryStep(Elements elements, Diagnostics diagnostics, RepositoryReader reader, RepositoryWriter writer) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.reader = reader;
    this.writer = writer;
  }

  private RepositoryReader reader() {
    return reader;
  }

  List<RepositoryModel> process(RoundEnvironment round) {
    List<RepositoryModel> read = AnnotatedElements.read(elements, round, "io.rillflow.annotations.Repository", diagnostics,
        reader::read, deferral);
    if (!diagnostics.hasErrors()) {
      read.forEach(writer::write);
    }
    return read;
  }
}
