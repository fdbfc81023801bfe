package io.rillflow.processor;

import io.rillflow.processor.model.AggregateModel;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.EventModel;
import io.rillflow.processor.model.ProjectionModel;
import io.rillflow.processor.model.RepositoryModel;
import io.rillflow.processor.model.UpcastModel;
import io.rillflow.processor.read.AggregateReader;
import io.rillflow.processor.read.DocumentReader;
import io.rillflow.processor.read.EventReader;
import io.rillflow.processor.read.HandlerReader;
import io.rillflow.processor.read.MetamodelReader;
import io.rillflow.processor.read.MissingTypes;
import io.rillflow.processor.read.ProjectionReader;
import io.rillflow.processor.read.RepositoryReader;
import io.rillflow.processor.read.UpcastReader;
import io.rillflow.processor.validate.UniqueKeys;
import io.rillflow.processor.write.AggregateWriter;
import io.rillflow.processor.write.DocumentMappingWriter;
import io.rillflow.processor.write.EventMappingWriter;
import io.rillflow.processor.write.MetamodelWriter;
import io.rillflow.processor.write.ProjectionWriter;
import io.rillflow.processor.write.RepositoryWriter;
import io.rillflow.processor.write.SourceWriter;
import io.rillflow.processor.write.UpcastsWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;

/**
 * The processor's step per annotation, each a {@link Step} given its reader, its checks across
 * elements and its writer. Documents come first: repositories and read models look theirs up.
 */
final class AnnotationSteps {
  final Step<DocumentModel> documents;
  final Step<RepositoryModel> repositories;
  final Step<EventModel> events;
  final Step<UpcastModel> upcasts;
  final Step<AggregateModel> aggregates;
  final Step<ProjectionModel> projections;

  AnnotationSteps(ProcessingEnvironment env, Diagnostics diagnostics, SourceWriter sources,
      Function<String, Optional<EventModel>> newestEvent) {
    var elements = env.getElementUtils();
    var types = env.getTypeUtils();

    DocumentReader documentReader = new DocumentReader(diagnostics, new MetamodelReader(types));
    KnownDocuments known = new KnownDocuments(documentReader);
    UniqueKeys<DocumentModel> tables = new UniqueKeys<>(DocumentModel::table, (earlier, later) -> diagnostics.error(
        later.element(), Message.TABLE_TWICE, earlier.type().canonicalName(), later.type().canonicalName(), later.table()));
    DocumentMappingWriter mappings = new DocumentMappingWriter(sources);
    MetamodelWriter metamodels = new MetamodelWriter(sources);
    documents = new Step<>(elements, diagnostics, "io.rillflow.annotations.Document", documentReader::read,
        read -> {
          known.add(read);
          tables.validate(read);
        },
        Step.each(document -> {
          mappings.write(document);
          metamodels.write(document);
        }),
        new Deferral(element -> element instanceof TypeElement type ? MissingTypes.in(type) : List.of(), true));

    RepositoryReader repositoryReader = new RepositoryReader(diagnostics, elements, types, known::model);
    RepositoryWriter repositoryWriter = new RepositoryWriter(sources);
    // A repository waits with its document; the document reports what is missing.
    repositories = new Step<>(elements, diagnostics, "io.rillflow.annotations.Repository", repositoryReader::read,
        Step.noCrossChecks(), Step.each(repositoryWriter::write),
        new Deferral(element -> repositoryReader.documentOf(element).map(MissingTypes::in).orElse(List.of()), false));

    UniqueKeys<EventModel> eventKeys = new UniqueKeys<>(event -> event.name() + "#" + event.version(),
        (earlier, later) -> diagnostics.error(later.element(), Message.EVENT_TWICE,
            earlier.type().canonicalName(), later.type().canonicalName(), later.name(), later.version()));
    EventMappingWriter eventWriter = new EventMappingWriter(sources);
    events = new Step<>(elements, diagnostics, "io.rillflow.annotations.Event", new EventReader(diagnostics)::read,
        eventKeys::validate, Step.each(eventWriter::write), null);

    UpcastsWriter upcastsWriter = new UpcastsWriter(sources);
    upcasts = new Step<>(elements, diagnostics, "io.rillflow.annotations.Upcast",
        new UpcastReader(diagnostics, elements, types)::read, Step.noCrossChecks(), read -> {
          // A type's methods all come in the round that brings the type, so one registrar per owner is complete.
          Map<TypeElement, List<UpcastModel>> byOwner = new LinkedHashMap<>();
          read.forEach(step -> byOwner.computeIfAbsent(step.owner(), o -> new ArrayList<>()).add(step));
          byOwner.values().forEach(upcastsWriter::write);
        }, null);

    HandlerReader handlers = new HandlerReader(diagnostics, elements, types, newestEvent);
    AggregateWriter aggregateWriter = new AggregateWriter(sources);
    // An aggregate or read model whose handler takes an event class not generated yet waits for it.
    aggregates = new Step<>(elements, diagnostics, "io.rillflow.annotations.Aggregate",
        new AggregateReader(diagnostics, handlers)::read, Step.noCrossChecks(), Step.each(aggregateWriter::write),
        handlerDeferral());

    UniqueKeys<ProjectionModel> projectionNames = new UniqueKeys<>(ProjectionModel::name,
        (earlier, later) -> diagnostics.error(later.element(), Message.READ_MODEL_NAME_TWICE,
            earlier.type().canonicalName(), later.type().canonicalName(), later.name()));
    ProjectionWriter projectionWriter = new ProjectionWriter(sources);
    projections = new Step<>(elements, diagnostics, "io.rillflow.annotations.ReadModel",
        new ProjectionReader(diagnostics, elements, types, handlers, known::known)::read,
        projectionNames::validate, Step.each(projectionWriter::write), handlerDeferral());
  }

  private static Deferral handlerDeferral() {
    return new Deferral(element -> element instanceof TypeElement type ? MissingTypes.inHandlers(type) : List.of(), true);
  }
}
