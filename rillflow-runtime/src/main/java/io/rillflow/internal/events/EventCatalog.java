package io.rillflow.internal.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.SchemaException;
import io.rillflow.spi.EventMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.rillflow.QuerySession;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The event types and upcast chains every module of a store registered, checked together: each
 * class registered once, one class per name and version, and per name a chain of steps with no gap
 * and no duplicate that ends at the current version. The processor checks the same within one
 * compilation; this catches conflicts between modules. Immutable once built.
 */
public final class EventCatalog {
  private final Map<Class<?>, EventMapping<?>> byClass;
  private final Map<String, EventFamily> byName;

  private EventCatalog(Map<Class<?>, EventMapping<?>> byClass, Map<String, EventFamily> byName) {
    this.byClass = byClass;
    this.byName = byName;
  }

  /** Every registered event class's mapping. */
  Collection<EventMapping<?>> mappings() {
    return byClass.values();
  }

  /**
   * The type name {@code type} is stored under, when it is the current class of that name: the
   * only class a read returns for it, so the only one a handler can receive.
   *
   * @throws SchemaException when the class is not a registered event, or an older version of one
   */
  public String currentName(Class<?> type, String usedBy) {
    EventMapping<?> mapping = byClass.get(type);
    if (mapping == null) {
      throw new SchemaException(usedBy + " handles " + type.getName() + ", which is not a registered @Event");
    }
    EventFamily family = byName.get(mapping.typeName());
    if (family.current().eventType() != type) {
      throw new SchemaException(usedBy + " handles " + type.getName() + ", version " + mapping.schemaVersion() + " of "
          + mapping.typeName() + "; reads upcast it to " + family.current().eventType().getName()
          + ", so handle that class instead");
    }
    return mapping.typeName();
  }

  /** The name a registered event class is stored under (every version of it shares it), or {@code null}. */
  public String typeName(Class<?> type) {
    EventMapping<?> mapping = byClass.get(type);
    return mapping == null ? null : mapping.typeName();
  }

  /** The stored type names, sorted: what the start-up line lists. */
  public List<String> typeNames() {
    return byName.keySet().stream().sorted().toList();
  }

  /** Every type name with its versions. */
  Collection<EventFamily> families() {
    return byName.values();
  }

  /** Collects registrations while the modules register; {@link #build()} checks them. */
  public static final class Builder {
    private final Map<Class<?>, EventMapping<?>> byClass = new LinkedHashMap<>();
    private final Map<String, EventMapping<?>> byNameAndVersion = new HashMap<>();
    private final List<TypedRegistration> typed = new ArrayList<>();
    private final List<UpcastStep.Json> json = new ArrayList<>();

    private record TypedRegistration(Class<?> from, Class<?> to, BiFunction<Object, QuerySession, Object> step,
        boolean lookup) {}

    /** Registers an event class. */
    public void event(EventMapping<?> mapping) {
      Class<?> type = mapping.eventType();
      String name = mapping.typeName();
      if (name == null || name.isBlank()) {
        throw new SchemaException("Event " + type.getName() + " has a blank type name");
      }
      if (mapping.schemaVersion() < 1) {
        throw new SchemaException("Event " + type.getName() + " has schema version " + mapping.schemaVersion()
            + "; versions start at 1");
      }
      EventMapping<?> earlier = byClass.putIfAbsent(type, mapping);
      if (earlier != null) {
        if (earlier.getClass() != mapping.getClass()) {
          throw new SchemaException("Event " + type.getName() + " is registered twice: by "
              + earlier.getClass().getName() + " and by " + mapping.getClass().getName());
        }
        return;
      }
      EventMapping<?> owner = byNameAndVersion.putIfAbsent(name + "#" + mapping.schemaVersion(), mapping);
      if (owner != null) {
        throw new SchemaException("Events " + owner.eventType().getName() + " and " + type.getName()
            + " both claim type \"" + name + "\" version " + mapping.schemaVersion() + "; give one another version");
      }
    }

    /** Registers a typed step; its classes may be registered later, by this or another module. */
    @SuppressWarnings("unchecked")
    public <A, B> void upcast(Class<A> from, Class<B> to, Function<? super A, ? extends B> step) {
      Function<Object, Object> plain = (Function<Object, Object>) step;
      typed.add(new TypedRegistration(from, to, (event, lookup) -> plain.apply(event), false));
    }

    /** Registers a JSON step. */
    public void upcast(String eventName, int fromVersion, UnaryOperator<ObjectNode> step) {
      json.add(new UpcastStep.Json(eventName, fromVersion, (body, lookup) -> step.apply(body), false));
    }

    /** Registers a typed step that looks things up in a query session. */
    @SuppressWarnings("unchecked")
    public <A, B> void lookupUpcast(Class<A> from, Class<B> to, BiFunction<? super A, QuerySession, ? extends B> step) {
      typed.add(new TypedRegistration(from, to, (BiFunction<Object, QuerySession, Object>) step, true));
    }

    /** Registers a JSON step that looks things up in a query session. */
    public void lookupUpcast(String eventName, int fromVersion, BiFunction<ObjectNode, QuerySession, ObjectNode> step) {
      json.add(new UpcastStep.Json(eventName, fromVersion, step, true));
    }

    /**
     * The checked catalog.
     *
     * @throws SchemaException naming the parts at fault
     */
    public EventCatalog build() {
      Map<String, EventMapping<?>> current = new HashMap<>();
      Map<String, Integer> lowest = new HashMap<>();
      for (EventMapping<?> mapping : byClass.values()) {
        current.merge(mapping.typeName(), mapping, (a, b) -> a.schemaVersion() >= b.schemaVersion() ? a : b);
        lowest.merge(mapping.typeName(), mapping.schemaVersion(), Math::min);
      }
      Map<String, TreeMap<Integer, UpcastStep>> steps = new HashMap<>();
      for (TypedRegistration registration : typed) {
        add(steps, typedStep(registration));
      }
      for (UpcastStep.Json step : json) {
        if (!current.containsKey(step.eventName())) {
          throw new SchemaException(step.describe() + " names an event type no registered @Event class has");
        }
        add(steps, step);
      }
      Map<String, EventFamily> families = new HashMap<>();
      for (Map.Entry<String, EventMapping<?>> entry : current.entrySet()) {
        String name = entry.getKey();
        TreeMap<Integer, UpcastStep> chain = steps.getOrDefault(name, new TreeMap<>());
        checkChain(name, entry.getValue(), lowest.get(name), chain);
        families.put(name, new EventFamily(name, entry.getValue(), Map.copyOf(chain)));
      }
      return new EventCatalog(Map.copyOf(byClass), Map.copyOf(families));
    }

    private UpcastStep.Typed typedStep(TypedRegistration registration) {
      EventMapping<?> from = byClass.get(registration.from());
      EventMapping<?> to = byClass.get(registration.to());
      if (from == null || to == null) {
        Class<?> missing = from == null ? registration.from() : registration.to();
        throw new SchemaException("An upcast from " + registration.from().getName() + " to "
            + registration.to().getName() + " is registered, but " + missing.getName() + " is not a registered @Event");
      }
      if (!from.typeName().equals(to.typeName())) {
        throw new SchemaException("The upcast from " + from.eventType().getName() + " to " + to.eventType().getName()
            + " changes the event type from \"" + from.typeName() + "\" to \"" + to.typeName() + "\"");
      }
      if (to.schemaVersion() != from.schemaVersion() + 1) {
        throw new SchemaException("The upcast from " + from.eventType().getName() + " (version " + from.schemaVersion()
            + ") to " + to.eventType().getName() + " (version " + to.schemaVersion() + ") must go to the next version");
      }
      return new UpcastStep.Typed(from, to, registration.step(), registration.lookup());
    }

    private static void add(Map<String, TreeMap<Integer, UpcastStep>> steps, UpcastStep step) {
      UpcastStep earlier = steps.computeIfAbsent(step.eventName(), n -> new TreeMap<>()).putIfAbsent(step.fromVersion(), step);
      if (earlier != null) {
        throw new SchemaException("Two upcasts read version " + step.fromVersion() + " of " + step.eventName()
            + ": " + earlier.describe() + " and " + step.describe());
      }
    }

    private static void checkChain(String name, EventMapping<?> current, int lowestClass, TreeMap<Integer, UpcastStep> chain) {
      int currentVersion = current.schemaVersion();
      if (!chain.isEmpty() && chain.lastKey() >= currentVersion) {
        throw new SchemaException(chain.lastEntry().getValue().describe() + " reads version " + chain.lastKey()
            + ", but the current version of " + name + " is " + currentVersion + " (" + current.eventType().getName() + ")");
      }
      int start = chain.isEmpty() ? lowestClass : Math.min(lowestClass, chain.firstKey());
      int reached = start;
      while (chain.containsKey(reached)) {
        reached++;
      }
      if (reached < currentVersion) {
        throw new SchemaException("The upcast chain of " + name + " stops at version " + reached + ", below its current "
            + "version " + currentVersion + " (" + current.eventType().getName() + "): no upcast reads version " + reached);
      }
    }
  }
}
