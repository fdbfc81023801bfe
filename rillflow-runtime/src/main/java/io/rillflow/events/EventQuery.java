package io.rillflow.events;

import io.rillflow.spi.EventTags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which events a decision depends on, for Dynamic Consistency Boundaries: a list of
 * {@link Item items}, any of which an event matches (OR); an item matches an event of any of its
 * types (OR; any type when it names none) that carries every one of its tags (AND).
 *
 * <pre>{@code
 * EventQuery query = EventQuery.anyOf(
 *     EventQuery.item().types(CourseDefined.class, CourseCapacityChanged.class).tag("course", courseId),
 *     EventQuery.item().types(StudentSubscribed.class).tag("course", courseId),
 *     EventQuery.item().types(StudentSubscribed.class).tag("student", studentId));
 * EventQueryResult read = store.events().query(query);
 * }</pre>
 *
 * <p>Tags are those of the events' {@code @Tag} members, {@code name:value} with the value's
 * {@code toString()}: pass the wrapped value for a value-wrapper record. Immutable.
 *
 * @param items the items, at least one
 */
public record EventQuery(List<Item> items) {

  /** Checks the items. */
  public EventQuery {
    if (items == null || items.isEmpty()) {
      throw new IllegalArgumentException("An event query needs at least one item");
    }
    items = List.copyOf(items);
  }

  /** The events matching any of {@code items}. */
  public static EventQuery anyOf(Item... items) {
    return new EventQuery(Arrays.asList(items));
  }

  /** An item matching every event; narrow it with {@link Item#types} and {@link Item#tag}. */
  public static Item item() {
    return new Item(List.of(), List.of());
  }

  /**
   * One item of a query: the events of any of {@code types} (any type when empty) carrying all of
   * {@code tags}.
   *
   * @param types the event classes (every stored version of each type matches)
   * @param tags {@code name:value} tags, all required
   */
  public record Item(List<Class<?>> types, List<String> tags) {

    /** Copies the lists. */
    public Item {
      types = List.copyOf(types);
      tags = List.copyOf(tags);
    }

    /** This item, also matching events of {@code more} types. */
    public Item types(Class<?>... more) {
      List<Class<?>> all = new ArrayList<>(types);
      for (Class<?> type : more) {
        all.add(Objects.requireNonNull(type, "type"));
      }
      return new Item(all, tags);
    }

    /** This item, also requiring the tag {@code name:value}. */
    public Item tag(String name, Object value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      List<String> all = new ArrayList<>(tags);
      String tag = EventTags.tag(name, value);
      if (!all.contains(tag)) {
        all.add(tag);
      }
      return new Item(types, all);
    }
  }
}
