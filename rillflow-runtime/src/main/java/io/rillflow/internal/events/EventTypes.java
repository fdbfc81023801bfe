package io.rillflow.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.spi.EventMapping;
import java.util.HashMap;
import java.util.Map;

/**
 * The event types of one store: for writing, each registered class with its Jackson writer; for
 * reading, each type name's {@link UpcastChain}. Built once when the store starts.
 */
final class EventTypes {
  private final Map<Class<?>, EventType> byClass;
  private final Map<String, UpcastChain> byName;

  EventTypes(EventCatalog catalog, ObjectMapper mapper) {
    Map<Class<?>, EventType> types = new HashMap<>();
    for (EventMapping<?> mapping : catalog.mappings()) {
      types.put(mapping.eventType(), new EventType(mapping, mapper));
    }
    this.byClass = Map.copyOf(types);
    Map<String, UpcastChain> chains = new HashMap<>();
    for (EventFamily family : catalog.families()) {
      chains.put(family.name(), new UpcastChain(family, byClass, mapper));
    }
    this.byName = Map.copyOf(chains);
  }

  /**
   * The type of an event about to be written.
   *
   * @throws IllegalArgumentException when its class is not a registered {@code @Event}
   */
  EventType ofInstance(Object event) {
    if (event == null) {
      throw new IllegalArgumentException("An event cannot be null");
    }
    EventType type = byClass.get(event.getClass());
    if (type == null) {
      String hint = event instanceof Iterable<?> || event.getClass().isArray()
          ? "; to append a list of events use append(streamId, expected, options, list)"
          : ": annotate it @Event and make sure the Rillflow processor ran on it (its "
              + event.getClass().getSimpleName() + "_Event must exist)";
      throw new IllegalArgumentException(event.getClass().getName() + " is not an event of this store" + hint);
    }
    return type;
  }

  /** The chain that reads a type name, or {@code null} when no class has the name. */
  UpcastChain chain(String name) {
    return byName.get(name);
  }
}
