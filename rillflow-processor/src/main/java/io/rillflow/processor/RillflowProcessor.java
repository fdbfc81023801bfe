package io.rillflow.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import io.rillflow.processor.model.AggregateModel;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.EventModel;
import io.rillflow.processor.model.ModuleModel;
import io.rillflow.processor.model.ProjectionModel;
import io.rillflow.processor.model.RepositoryModel;
import io.rillflow.processor.model.UpcastModel;
import io.rillflow.processor.validate.TagPlacement;
import io.rillflow.processor.validate.UpcastChainValidator;
import io.rillflow.processor.write.ModuleWriter;
import io.rillflow.processor.write.SourceWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The Rillflow annotation processor: runs one step per annotation each round, and, once the
 * annotated types of the compilation are all processed, writes the compilation's
 * {@code RillflowModule} and its {@code META-INF/services} entry.
 *
 * <p>The module is named after the first of its types in name order ({@code com.acme.Book} gives
 * {@code com.acme.Book_RillflowModule}): a type is compiled by one compilation only, so the main and
 * the test compilation of one package (or two jars of one application) never generate modules of one
 * name, and a store loads every one of them. A fixed name hid one module behind the other. Option
 * {@code -Arillflow.module=com.acme.AcmeRillflowModule} names the module class instead.
 */
@AutoService(Processor.class)
@SupportedOptions(RillflowProcessor.MODULE_OPTION)
public final class RillflowProcessor extends AbstractProcessor {
  static final String MODULE_OPTION = "rillflow.module";

  private Diagnostics diagnostics;
  private AnnotationSteps steps;
  private UpcastChainValidator chains;
  private TagPlacement tags;
  private ModuleWriter moduleWriter;
  /** Parts generated in earlier rounds and not yet registered by a module. */
  private ModuleModel unregistered = ModuleModel.empty();
  /** Every event and upcast of the compilation: a chain is checked whole. */
  private final List<EventModel> allEvents = new ArrayList<>();
  private final List<UpcastModel> allUpcasts = new ArrayList<>();
  private final List<ClassName> modules = new ArrayList<>();

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    diagnostics = new Diagnostics(env.getMessager());
    SourceWriter sources = new SourceWriter(env.getFiler());
    steps = new AnnotationSteps(env, diagnostics, sources, this::newestEvent);
    chains = new UpcastChainValidator(diagnostics, env.getElementUtils());
    tags = new TagPlacement(diagnostics, env.getElementUtils());
    moduleWriter = new ModuleWriter(sources, env.getFiler());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("io.rillflow.annotations.*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      List<DocumentModel> found = steps.documents.process(round);
      List<RepositoryModel> foundRepositories = steps.repositories.process(round);
      List<EventModel> foundEvents = steps.events.process(round);
      tags.check(round);
      List<UpcastModel> foundUpcasts = steps.upcasts.process(round);
      // Before the aggregates: a handler of an older version of an event is reported against the newest.
      allEvents.addAll(foundEvents);
      List<AggregateModel> foundAggregates = steps.aggregates.process(round);
      List<ProjectionModel> foundProjections = steps.projections.process(round);
      ModuleModel foundParts = new ModuleModel(found, foundRepositories, foundEvents, foundUpcasts, foundAggregates,
          foundProjections);
      unregistered = unregistered.plus(foundParts);
      allUpcasts.addAll(foundUpcasts);
      boolean nothingNew = foundParts.isEmpty();
      boolean somethingPending = !unregistered.isEmpty();
      // The module is written in the first round that finds nothing new rather than in the last
      // round: javac warns about sources created in the last round, and generated code must
      // compile without warnings. Upcast chains are checked then, when every event is known.
      if ((nothingNew || round.processingOver()) && somethingPending && !diagnostics.hasErrors()) {
        chains.validate(allEvents, allUpcasts);
        if (!diagnostics.hasErrors()) {
          writeModule();
        }
      }
      if (round.processingOver() && !modules.isEmpty() && !diagnostics.hasErrors()) {
        moduleWriter.writeServicesFile(modules);
      }
    } catch (RuntimeException | Error e) {
      diagnostics.internalError(null, e);
    }
    return false;
  }

  private void writeModule() {
    String option = processingEnv.getOptions().get(MODULE_OPTION);
    ClassName name = option != null ? ClassName.bestGuess(option) : defaultModuleName();
    if (!modules.isEmpty()) {
      // Another processor generated more documents after the first module was written.
      name = name.peerClass(name.simpleName() + (modules.size() + 1));
    }
    moduleWriter.writeModule(name, unregistered);
    modules.add(name);
    unregistered = ModuleModel.empty();
  }

  /** The newest event class of {@code name} read in this compilation so far. */
  private Optional<EventModel> newestEvent(String name) {
    return allEvents.stream().filter(e -> e.name().equals(name)).max(Comparator.comparingInt(EventModel::version));
  }

  /** {@code <package>.<Outer_Inner>_RillflowModule} after the first pending type in name order. */
  private ClassName defaultModuleName() {
    ClassName first = unregistered.types().min(Comparator.comparing(ClassName::canonicalName)).orElseThrow();
    return ClassName.get(first.packageName(), String.join("_", first.simpleNames()) + "_RillflowModule");
  }
}
