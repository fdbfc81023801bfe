package io.rillflow.internal;

import io.rillflow.spi.StoreSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaException;
import io.rillflow.internal.events.EventCatalog;
import io.rillflow.spi.AggregateMapping;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.EventMapping;
import io.rillflow.spi.ModuleRegistry;
import io.rillflow.spi.ProjectionMapping;
import io.rillflow.spi.RillflowModule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import io.rillflow.QuerySession;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What the modules of one store registered: document mappings by document type, repository
 * factories by interface, the event types with their upcast chains, aggregates and read model
 * projections; gathered once when the store starts and read-only afterwards. Conflicts between modules (two mappings for one type, or
 * one table claimed by two types) stop the store from starting; within one compilation the
 * processor already reports them.
 */
public final class ModuleParts {
  private final Map<Class<?>, DocumentMapping<?, ?>> byType;
  private final Map<Class<?>, Function<DocumentStore, ?>> repositories;
  private final EventCatalog events;
  private final Map<Class<?>, AggregateMapping<?>> aggregates;
  private final List<ProjectionMapping<?>> projections;

  private ModuleParts(Map<Class<?>, DocumentMapping<?, ?>> byType, Map<Class<?>, Function<DocumentStore, ?>> repositories,
      EventCatalog events, Map<Class<?>, AggregateMapping<?>> aggregates, List<ProjectionMapping<?>> projections) {
    this.byType = byType;
    this.repositories = repositories;
    this.events = events;
    this.aggregates = aggregates;
    this.projections = projections;
  }

  /** Loads the modules the settings name, and those on the class path when discovery is on. */
  static ModuleParts load(StoreSettings settings) {
    List<RillflowModule> modules = new ArrayList<>(settings.modules());
    if (settings.discoverModules()) {
      ServiceLoader.load(RillflowModule.class, settings.classLoader()).forEach(modules::add);
      if (modules.isEmpty()) {
        ProcessorCheck.noModuleFound(settings.classLoader());
      }
    }
    Collector collector = new Collector();
    Set<Class<?>> seenModules = new HashSet<>();
    for (RillflowModule module : modules) {
      // The same module may come by hand and through discovery; register it once.
      if (seenModules.add(module.getClass())) {
        module.register(collector);
      }
    }
    return new ModuleParts(Collections.unmodifiableMap(collector.byType), Map.copyOf(collector.repositories),
        collector.events.build(), Map.copyOf(collector.aggregates), List.copyOf(collector.projections.values()));
  }

  /** The mapping of {@code type}, or {@code null} when it is not a registered document. */
  @SuppressWarnings("unchecked")
  public <T> DocumentMapping<T, Object> find(Class<T> type) {
    return (DocumentMapping<T, Object>) byType.get(type);
  }

  /** Every registered document type. */
  public Set<Class<?>> types() {
    return byType.keySet();
  }

  /** The factory of the generated implementation of {@code type}, or {@code null}. */
  public Function<DocumentStore, ?> repositoryFactory(Class<?> type) {
    return repositories.get(type);
  }

  /** The event types and upcast chains, checked across modules. */
  public EventCatalog events() {
    return events;
  }

  /** Every registered aggregate's mapping, by aggregate class. */
  public Map<Class<?>, AggregateMapping<?>> aggregates() {
    return aggregates;
  }

  /** Every registered read model projection, in registration order; their documents are registered too. */
  public List<ProjectionMapping<?>> projections() {
    return projections;
  }

  /** Every registered mapping. */
  public Collection<DocumentMapping<?, ?>> all() {
    return byType.values();
  }

  private static final class Collector implements ModuleRegistry {
    private final Map<Class<?>, DocumentMapping<?, ?>> byType = new LinkedHashMap<>();
    private final Map<String, Class<?>> byTable = new HashMap<>();
    private final Map<Class<?>, Function<DocumentStore, ?>> repositories = new HashMap<>();
    private final EventCatalog.Builder events = new EventCatalog.Builder();
    private final Map<Class<?>, AggregateMapping<?>> aggregates = new LinkedHashMap<>();
    private final Map<String, ProjectionMapping<?>> projections = new LinkedHashMap<>();

    @Override
    public void projection(ProjectionMapping<?> mapping) {
      ProjectionMapping<?> earlier = projections.putIfAbsent(mapping.name(), mapping);
      if (earlier != null && earlier.getClass() != mapping.getClass()) {
        throw new SchemaException("Two read models are named \"" + mapping.name() + "\": "
            + earlier.documentType().getName() + " and " + mapping.documentType().getName()
            + "; give one @ReadModel(name = ...)");
      }
    }

    @Override
    public void aggregate(AggregateMapping<?> mapping) {
      AggregateMapping<?> earlier = aggregates.putIfAbsent(mapping.aggregateType(), mapping);
      if (earlier != null && earlier.getClass() != mapping.getClass()) {
        throw new SchemaException("Aggregate " + mapping.aggregateType().getName() + " is mapped twice: by "
            + earlier.getClass().getName() + " and by " + mapping.getClass().getName());
      }
    }

    @Override
    public void event(EventMapping<?> mapping) {
      events.event(mapping);
    }

    @Override
    public <A, B> void upcast(Class<A> from, Class<B> to, Function<? super A, ? extends B> step) {
      events.upcast(from, to, step);
    }

    @Override
    public void upcast(String eventName, int fromVersion, UnaryOperator<ObjectNode> step) {
      events.upcast(eventName, fromVersion, step);
    }

    @Override
    public <A, B> void lookupUpcast(Class<A> from, Class<B> to,
        BiFunction<? super A, QuerySession, ? extends B> step) {
      events.lookupUpcast(from, to, step);
    }

    @Override
    public void lookupUpcast(String eventName, int fromVersion, BiFunction<ObjectNode, QuerySession, ObjectNode> step) {
      events.lookupUpcast(eventName, fromVersion, step);
    }

    @Override
    public <R extends DocumentRepository<?, ?>> void repository(
        Class<R> type, Function<DocumentStore, ? extends R> factory) {
      repositories.put(type, factory);
    }

    @Override
    public void document(DocumentMapping<?, ?> mapping) {
      Class<?> type = mapping.documentType();
      DocumentMapping<?, ?> earlier = byType.putIfAbsent(type, mapping);
      if (earlier != null && earlier.getClass() != mapping.getClass()) {
        throw new SchemaException("Document " + type.getName() + " is mapped twice: by "
            + earlier.getClass().getName() + " and by " + mapping.getClass().getName());
      }
      Class<?> owner = byTable.putIfAbsent(mapping.tableName(), type);
      if (owner != null && owner != type) {
        throw new SchemaException("Documents " + owner.getName() + " and " + type.getName()
            + " both map to table \"" + mapping.tableName() + "\"; give one @Document(table = ...)");
      }
    }
  }
}
