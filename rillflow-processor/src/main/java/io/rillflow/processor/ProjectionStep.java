package io.rillflow.processor;

import io.rillflow.processor.model.ProjectionModel;
import io.rillflow.processor.read.ProjectionReader;
import io.rillflow.processor.write.ProjectionWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.util.Elements;

/**
 * Processes {@code @ReadModel} documents: reads each with its {@code @Apply} handlers, checks that
 * no two of the compilation share a projection name, and writes each {@code <Type>_Projection}
 * when the compilation has no error. Runs after the documents, whose id types it needs.
 */
final class ProjectionStep {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final ProjectionReader reader;
  private final ProjectionWriter writer;
  private final Map<String, ProjectionModel> byName = new HashMap<>();

  ProjectionStep(Elements elements, Diagnostics diagnostics, ProjectionReader reader, ProjectionWriter writer) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.reader = reader;
    this.writer = writer;
  }

  /** The read models read in this round, their projections written unless there were errors. */
  List<ProjectionModel> process(RoundEnvironment round) {
    List<ProjectionModel> read = AnnotatedElements.read(elements, round, "io.rillflow.annotations.ReadModel", diagnostics,
        reader::read);
    for (ProjectionModel projection : read) {
      ProjectionModel earlier = byName.putIfAbsent(projection.name(), projection);
      if (earlier != null) {
        diagnostics.error(projection.element(), Message.READ_MODEL_NAME_TWICE, earlier.type().canonicalName(),
            projection.type().canonicalName(), projection.name());
      }
    }
    if (!diagnostics.hasErrors()) {
      read.forEach(writer::write);
    }
    return read;
  }
}
