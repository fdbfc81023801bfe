package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.rillflow.processor.model.AggregateModel;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.EventModel;
import io.rillflow.processor.model.ModuleModel;
import io.rillflow.processor.model.ProjectionModel;
import io.rillflow.processor.model.RepositoryModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Modifier;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the compilation's {@code RillflowModule} (which registers every generated part) and the
 * {@code META-INF/services} file that lets a store find it.
 */
public final class ModuleWriter {
  private static final String SERVICES_FILE = "META-INF/services/io.rillflow.spi.RillflowModule";

  private final SourceWriter sources;
  private final Filer filer;

  public ModuleWriter(SourceWriter sources, Filer filer) {
    this.sources = sources;
    this.filer = filer;
  }

  /** Writes a module class registering every part of {@code module}. */
  public void writeModule(ClassName name, ModuleModel module) {
    MethodSpec.Builder register = MethodSpec.methodBuilder("register")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(RuntimeTypes.MODULE_REGISTRY, "registry");
    for (DocumentModel document : module.documents()) {
      register.addStatement("registry.document($T.INSTANCE)", document.mappingName());
    }
    for (RepositoryModel repository : module.repositories()) {
      register.addStatement("registry.repository($T.class, $T::new)", repository.type(), repository.implementationName());
    }
    for (EventModel event : module.events()) {
      register.addStatement("registry.event($T.INSTANCE)", event.mappingName());
    }
    Set<ClassName> registrars = new LinkedHashSet<>();
    module.upcasts().forEach(upcast -> registrars.add(upcast.registrarName()));
    for (ClassName registrar : registrars) {
      register.addStatement("$T.register(registry)", registrar);
    }
    for (AggregateModel aggregate : module.aggregates()) {
      register.addStatement("registry.aggregate($T.INSTANCE)", aggregate.mappingName());
    }
    for (ProjectionModel projection : module.projections()) {
      register.addStatement("registry.projection($T.INSTANCE)", projection.mappingName());
    }
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("Registers the documents, repositories, events, upcasts, aggregates and read models of this compilation "
            + "with a "
            + "store; found through {@code META-INF/services}.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(RuntimeTypes.RILLFLOW_MODULE)
        .addMethod(register.build());
    sources.write(name.packageName(), type, module.originatingElements());
  }

  /** Writes the services file listing {@code modules}, once, when processing is over. */
  public void writeServicesFile(Collection<ClassName> modules) {
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICES_FILE);
      try (Writer out = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
        for (ClassName module : modules) {
          out.write(module.canonicalName());
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + SERVICES_FILE, e);
    }
  }
}
