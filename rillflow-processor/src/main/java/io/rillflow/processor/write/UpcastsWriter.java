package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.rillflow.processor.model.UpcastModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Owner>_Upcasts} beside a type that declares {@code @Upcast} methods: it registers
 * each step as a method reference, from the owner's package, so the methods need only be
 * package-private and nothing is looked up by reflection.
 */
public final class UpcastsWriter {
  private final SourceWriter sources;

  public UpcastsWriter(SourceWriter sources) {
    this.sources = sources;
  }

  /** Writes the registrar of {@code steps}, which all belong to one owner. */
  public void write(List<UpcastModel> steps) {
    UpcastModel first = steps.get(0);
    ClassName owner = ClassName.get(first.owner());
    ClassName name = first.registrarName();
    MethodSpec.Builder register = MethodSpec.methodBuilder("register")
        .addJavadoc("Registers each step with a store's event types.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addParameter(RuntimeTypes.MODULE_REGISTRY, "registry");
    for (UpcastModel step : steps) {
      if (step.typed()) {
        register.addStatement("registry.$N($T.class, $T.class, $T::$N)", step.lookup() ? "lookupUpcast" : "upcast",
            step.input(), step.output(), owner, step.element().getSimpleName().toString());
      } else {
        register.addStatement("registry.$N($S, $L, $T::$N)", step.lookup() ? "lookupUpcast" : "upcast",
            step.eventName(), step.fromVersion(), owner, step.element().getSimpleName().toString());
      }
    }
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("Registers the {@code @Upcast} steps declared in {@link $T}.\n", owner)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(register.build());
    sources.write(name.packageName(), type, first.owner());
  }
}
