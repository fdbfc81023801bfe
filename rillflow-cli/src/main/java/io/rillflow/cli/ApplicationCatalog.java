package io.rillflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentStore;
import io.rillflow.spi.AggregateMapping;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.EventMapping;
import io.rillflow.spi.ModuleRegistry;
import io.rillflow.spi.ProjectionMapping;
import io.rillflow.spi.RillflowModule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What the application's generated modules register, read the way a store reads them (through
 * {@link ServiceLoader} on a class loader) but only recorded: document types with their id types,
 * event types with their versions, and upcast steps. The public store API does not list these; the
 * command line needs them to read a document id typed in as text and to show upcast chains. A module
 * an application adds by hand with {@code builder.module(...)} is not seen here.
 */
final class ApplicationCatalog implements ModuleRegistry {

  /** One upcast step: {@code event} from {@code fromVersion} to the next; {@code typed} when class to class, else on JSON. */
  record UpcastStep(String event, int fromVersion, int toVersion, boolean typed) {}

  private final Map<String, DocumentMapping<?, ?>> documents = new HashMap<>();
  private final List<EventMapping<?>> events = new ArrayList<>();
  private final List<UpcastStep> steps = new ArrayList<>();
  private final List<Class<?>[]> typedSteps = new ArrayList<>();

  static ApplicationCatalog load(ClassLoader loader) {
    ApplicationCatalog catalog = new ApplicationCatalog();
    for (RillflowModule module : ServiceLoader.load(RillflowModule.class, loader)) {
      module.register(catalog);
    }
    catalog.resolveTypedSteps();
    return catalog;
  }

  /** The document type whose simple or qualified name is {@code name}. */
  DocumentMapping<?, ?> document(String name) {
    DocumentMapping<?, ?> mapping = documents.get(name);
    if (mapping == null) {
      mapping = documents.values().stream().filter(m -> m.documentType().getName().equals(name)).findFirst().orElse(null);
    }
    if (mapping == null) {
      throw new NotFoundException("No document type is named \"" + name + "\"; document types: "
          + documents.keySet().stream().sorted().toList()
          + (documents.isEmpty() ? " (the application's classes are not on the class path)" : ""));
    }
    return mapping;
  }

  /** Every event type and version, by name then version. */
  List<EventMapping<?>> events() {
    return events.stream().sorted(Comparator.<EventMapping<?>, String>comparing(EventMapping::typeName)
        .thenComparingInt(EventMapping::schemaVersion)).toList();
  }

  /** The current (highest) version of an event type. */
  Optional<Integer> currentVersion(String event) {
    return events.stream().filter(e -> e.typeName().equals(event)).map(EventMapping::schemaVersion)
        .max(Integer::compare);
  }

  /** Every upcast step, by event then version. */
  List<UpcastStep> steps() {
    return steps.stream().sorted(Comparator.comparing(UpcastStep::event).thenComparingInt(UpcastStep::fromVersion))
        .toList();
  }

  @Override
  public void document(DocumentMapping<?, ?> mapping) {
    documents.put(mapping.documentType().getSimpleName(), mapping);
  }

  @Override
  public <R extends DocumentRepository<?, ?>> void repository(Class<R> type, Function<DocumentStore, ? extends R> factory) {}

  @Override
  public void event(EventMapping<?> mapping) {
    events.add(mapping);
  }

  @Override
  public <A, B> void upcast(Class<A> from, Class<B> to, Function<? super A, ? extends B> step) {
    typedSteps.add(new Class<?>[] {from, to});
  }

  @Override
  public void upcast(String eventName, int fromVersion, UnaryOperator<ObjectNode> step) {
    steps.add(new UpcastStep(eventName, fromVersion, fromVersion + 1, false));
  }

  @Override
  public void aggregate(AggregateMapping<?> mapping) {}

  @Override
  public void projection(ProjectionMapping<?> mapping) {}

  /** Typed steps name classes; their event names and versions are known once every module registered. */
  private void resolveTypedSteps() {
    for (Class<?>[] step : typedSteps) {
      EventMapping<?> from = eventOf(step[0]);
      EventMapping<?> to = eventOf(step[1]);
      if (from != null && to != null) {
        steps.add(new UpcastStep(from.typeName(), from.schemaVersion(), to.schemaVersion(), true));
      }
    }
  }

  private EventMapping<?> eventOf(Class<?> type) {
    return events.stream().filter(e -> e.eventType() == type).findFirst().orElse(null);
  }
}
