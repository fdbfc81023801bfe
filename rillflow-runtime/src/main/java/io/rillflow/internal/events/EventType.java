package io.rillflow.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.rillflow.RillflowException;
import io.rillflow.spi.EventMapping;

/**
 * One event class as one store uses it: its mapping and the Jackson reader and writer built for
 * it once, when the store starts.
 *
 * @param mapping the generated mapping
 * @param reader reads the class from JSON
 * @param writer writes it as JSON
 */
record EventType(EventMapping<?> mapping, ObjectReader reader, ObjectWriter writer) {

  /** The stored type name. */
  String name() {
    return mapping.typeName();
  }

  /** The schema version of the class. */
  int version() {
    return mapping.schemaVersion();
  }

  /** The event as JSON. */
  String write(Object event) {
    try {
      return writer.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot write event " + mapping.eventType().getName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }
}
