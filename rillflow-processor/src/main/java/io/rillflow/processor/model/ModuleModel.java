package io.rillflow.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Element;

/**
 * What one generated {@code RillflowModule} registers.
 *
 * @param documents document mappings
 * @param repositories repository implementations
 * @param events event mappings
 * @param upcasts upcast steps (registered through the registrar beside each step's owner)
 * @param aggregates aggregate folders
 * @param projections read model projections
 */
public record ModuleModel(
    List<DocumentModel> documents, List<RepositoryModel> repositories, List<EventModel> events,
    List<UpcastModel> upcasts, List<AggregateModel> aggregates, List<ProjectionModel> projections) {

  /** Copies the lists. */
  public ModuleModel {
    documents = List.copyOf(documents);
    repositories = List.copyOf(repositories);
    events = List.copyOf(events);
    upcasts = List.copyOf(upcasts);
    aggregates = List.copyOf(aggregates);
    projections = List.copyOf(projections);
  }

  /** Whether there is nothing to register. */
  public boolean isEmpty() {
    return documents.isEmpty() && repositories.isEmpty() && events.isEmpty() && upcasts.isEmpty()
        && aggregates.isEmpty() && projections.isEmpty();
  }

  /** The package of every part, for choosing the module's package. */
  public Stream<String> packages() {
    return Stream.of(
        documents.stream().map(d -> d.type().packageName()),
        repositories.stream().map(r -> r.type().packageName()),
        events.stream().map(e -> e.type().packageName()),
        upcasts.stream().map(u -> u.registrarName().packageName()),
        aggregates.stream().map(a -> a.type().packageName()),
        projections.stream().map(p -> p.type().packageName())).flatMap(s -> s);
  }

  /** Every type the module registers, by class name (an upcast by its registrar). */
  public Stream<ClassName> types() {
    return Stream.of(
        documents.stream().map(DocumentModel::type),
        repositories.stream().map(RepositoryModel::type),
        events.stream().map(EventModel::type),
        upcasts.stream().map(UpcastModel::registrarName),
        aggregates.stream().map(AggregateModel::type),
        projections.stream().map(ProjectionModel::type)).flatMap(s -> s);
  }

  /** The source elements the module was generated from, for the filer. */
  public Element[] originatingElements() {
    return Stream.of(
        documents.stream().map(DocumentModel::element),
        repositories.stream().map(RepositoryModel::element),
        events.stream().map(EventModel::element),
        upcasts.stream().map(UpcastModel::owner),
        aggregates.stream().map(AggregateModel::element),
        projections.stream().map(ProjectionModel::element)).flatMap(s -> s).distinct().toArray(Element[]::new);
  }

  /** This module and {@code more} together. */
  public ModuleModel plus(ModuleModel more) {
    return new ModuleModel(concat(documents, more.documents), concat(repositories, more.repositories),
        concat(events, more.events), concat(upcasts, more.upcasts), concat(aggregates, more.aggregates),
        concat(projections, more.projections));
  }

  /** Nothing. */
  public static ModuleModel empty() {
    return new ModuleModel(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
