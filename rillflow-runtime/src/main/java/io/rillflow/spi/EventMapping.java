package io.rillflow.spi;

import java.util.List;

/**
 * How one {@code @Event} class is stored, generated as {@code <Type>_Event}: the type name and
 * schema version written beside each event of the class. Holds no per-store state; each store
 * builds its Jackson reader and writer for the class once, when it starts.
 *
 * <pre>{@code
 * // generated for @Event(name = "OrderPlaced", version = 2) record OrderPlaced(...)
 * registry.event(OrderPlaced_Event.INSTANCE);
 * }</pre>
 *
 * @param <E> the event class
 */
public interface EventMapping<E> {

  /** The event class. */
  Class<E> eventType();

  /** The stored type name: {@code @Event(name)}, or the class's simple name. */
  String typeName();

  /** The schema version of this class, from 1. */
  int schemaVersion();

  /**
   * The event's {@code @Tag}s as {@code name:value} strings (see {@link EventTags}), for Dynamic
   * Consistency Boundaries; none unless the class has {@code @Tag} members.
   */
  default List<String> tags(E event) {
    return List.of();
  }
}
