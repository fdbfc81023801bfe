package io.rillflow.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.rillflow.RillflowException;
import io.rillflow.spi.EventMapping;

/**
 * One event class as one store uses it: its mapping and the Jackson reader and writer for it, each
 * built once, on first use (Jackson introspects the class when they are made, which a store of many
 * event types should not pay for at start-up). Threads racing on first use may each build one; any
 * will do.
 */
final class EventType {
  private final EventMapping<?> mapping;
  private final ObjectMapper mapper;
  private volatile ObjectReader reader;
  private volatile ObjectWriter writer;

  EventType(EventMapping<?> mapping, ObjectMapper mapper) {
    this.mapping = mapping;
    this.mapper = mapper;
  }

  /** The generated mapping. */
  EventMapping<?> mapping() {
    return mapping;
  }

  /** The stored type name. */
  String name() {
    return mapping.typeName();
  }

  /** The schema version of the class. */
  int version() {
    return mapping.schemaVersion();
  }

  /** Reads the class from JSON. */
  ObjectReader reader() {
    ObjectReader built = reader;
    if (built == null) {
      built = mapper.readerFor(mapping.eventType());
      reader = built;
    }
    return built;
  }

  /** The event as JSON. */
  String write(Object event) {
    ObjectWriter built = writer;
    if (built == null) {
      built = mapper.writerFor(mapping.eventType());
      writer = built;
    }
    try {
      return built.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot write event " + mapping.eventType().getName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }
}
