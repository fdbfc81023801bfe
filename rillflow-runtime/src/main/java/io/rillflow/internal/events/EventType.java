package io.rillflow.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rillflow.RillflowException;
import io.rillflow.internal.json.TypeCodec;
import io.rillflow.spi.EventMapping;

/** One event class as one store uses it: its mapping and the Jackson reader and writer for it. */
final class EventType {
  private final EventMapping<?> mapping;
  private final TypeCodec codec;

  EventType(EventMapping<?> mapping, ObjectMapper mapper) {
    this.mapping = mapping;
    this.codec = new TypeCodec(mapper, mapping.eventType());
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

  /** The event's {@code @Tag}s, {@code name:value}, as its generated mapping reads them. */
  @SuppressWarnings("unchecked")
  java.util.List<String> tags(Object event) {
    return ((EventMapping<Object>) mapping).tags(event);
  }

  /** Reads the class from JSON. */
  ObjectReader reader() {
    return codec.reader();
  }

  /** The event as JSON. */
  String write(Object event) {
    try {
      return codec.writer().writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot write event " + mapping.eventType().getName() + " as JSON: "
          + e.getOriginalMessage(), e);
    }
  }
}
