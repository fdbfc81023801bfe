package io.rillflow.processor;

import io.rillflow.processor.model.UpcastModel;
import io.rillflow.processor.read.UpcastReader;
import io.rillflow.processor.write.UpcastsWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Processes {@code @Upcast} methods: reads each, and writes one registrar per declaring type when
 * the compilation has no error. The chains are checked once every event is read (see
 * {@link io.rillflow.processor.read.UpcastChainValidator}).
 */
final class UpcastStep {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final UpcastReader reader;
  private final UpcastsWriter writer;

  UpcastStep(Elements elements, Diagnostics diagnostics, UpcastReader reader, UpcastsWriter writer) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.reader = reader;
    this.writer = writer;
  }

  /** The steps read in this round, their registrars written unless there were errors. */
  List<UpcastModel> process(RoundEnvironment round) {
    List<UpcastModel> read = AnnotatedElements.read(elements, round, "io.rillflow.annotations.Upcast", diagnostics, reader::read);
    if (!diagnostics.hasErrors()) {
      // A type's methods all come in the round that brings the type, so one registrar per owner is complete.
      Map<TypeElement, List<UpcastModel>> byOwner = new LinkedHashMap<>();
      read.forEach(step -> byOwner.computeIfAbsent(step.owner(), o -> new ArrayList<>()).add(step));
      byOwner.values().forEach(writer::write);
    }
    return read;
  }
}
