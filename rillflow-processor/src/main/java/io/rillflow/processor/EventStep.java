package io.rillflow.processor;

import io.rillflow.processor.model.EventModel;
import io.rillflow.processor.read.EventReader;
import io.rillflow.processor.write.EventMappingWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.util.Elements;

/**
 * Processes {@code @Event} classes: reads each into a model, checks that no two claim one name
 * and version, and writes their mappings when the compilation has no error.
 */
final class EventStep {
  private final Elements elements;
  private final Diagnostics diagnostics;
  private final EventReader reader;
  private final EventMappingWriter writer;
  /** Across rounds: a later round's event may claim an earlier one's name and version. */
  private final Map<String, EventModel> byNameAndVersion = new HashMap<>();

  EventStep(Elements elements, Diagnostics diagnostics, EventMappingWriter writer) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.reader = new EventReader(diagnostics);
    this.writer = writer;
  }

  /** The events read in this round, their mappings written unless there were errors. */
  List<EventModel> process(RoundEnvironment round) {
    List<EventModel> read = AnnotatedElements.read(elements, round, "io.rillflow.annotations.Event", diagnostics, reader::read);
    for (EventModel event : read) {
      EventModel owner = byNameAndVersion.putIfAbsent(event.name() + "#" + event.version(), event);
      if (owner != null) {
        diagnostics.error(event.element(), Message.EVENT_TWICE,
            owner.type().canonicalName(), event.type().canonicalName(), event.name(), event.version());
      }
    }
    if (!diagnostics.hasErrors()) {
      read.forEach(writer::write);
    }
    return read;
  }
}
