package io.rillflow.processor.write;

import static io.rillflow.processor.write.HandlerMappingClass.override;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.model.HandlerModel;
import io.rillflow.processor.model.HandlerModel.Shape;
import io.rillflow.processor.model.IdKind;
import io.rillflow.processor.model.ProjectionModel;
import io.rillflow.processor.model.ProjectionModel.Route;
import java.util.List;

/**
 * Writes {@code <Type>_Projection}: per stored event type name, where the document's id is and
 * which {@code @Apply} handler makes the next document.
 */
public final class ProjectionWriter {
  private static final TypeName ANY_ENVELOPE =
      ParameterizedTypeName.get(RuntimeTypes.EVENT_ENVELOPE, WildcardTypeName.subtypeOf(Object.class));

  private final SourceWriter sources;

  public ProjectionWriter(SourceWriter sources) {
    this.sources = sources;
  }

  public void write(ProjectionModel projection) {
    ClassName name = projection.mappingName();
    ClassName document = projection.type();
    TypeSpec.Builder type = HandlerMappingClass.start(name,
            ParameterizedTypeName.get(RuntimeTypes.PROJECTION_MAPPING, document),
            projection.routes().stream().map(Route::event).toList())
        .addJavadoc("Builds read model {@link $T} from events: projection {@code $L}.\n", document, projection.name())
        .addMethod(override("name", ClassName.get(String.class)).addStatement("return $S", projection.name()).build())
        .addMethod(override("lifecycle", RuntimeTypes.LIFECYCLE)
            .addStatement("return $T.$L", RuntimeTypes.LIFECYCLE, projection.lifecycle())
            .build())
        .addMethod(override("documentType", ParameterizedTypeName.get(ClassName.get(Class.class), document))
            .addStatement("return $T.class", document)
            .build())
        .addMethod(HandlerMappingClass.eventTypes())
        .addMethod(documentIds(projection))
        .addMethod(initial(projection))
        .addMethod(apply(projection));
    sources.write(name.packageName(), type, projection.element());
  }

  private static MethodSpec documentIds(ProjectionModel projection) {
    ClassName list = ClassName.get(List.class);
    MethodSpec.Builder method = override("documentIds",
            ParameterizedTypeName.get(list, WildcardTypeName.subtypeOf(Object.class)))
        .addParameter(ANY_ENVELOPE, "event")
        .beginControlFlow("switch (event.type())");
    for (Route route : projection.routes()) {
      method.addCode("case $S -> {\n$>", route.eventName());
      if (route.member().isEmpty()) {
        method.addStatement(projection.idKind() == IdKind.UUID
            ? "return $T.of(event.streamUuid())" : "return $T.of(event.streamId())", list);
      } else {
        String read = route.member().get().readFrom("(($T) event.data())");
        String member = route.event().simpleName() + "." + route.memberName();
        if (route.many()) {
          method.addStatement("return $T.requireIds(" + read + ", event, $S)", RuntimeTypes.PROJECTION_MAPPING,
              route.event(), member);
        } else if (route.primitive()) {
          method.addStatement("return $T.of(" + read + ")", list, route.event());
        } else {
          method.addStatement("return $T.requireId(" + read + ", event, $S)", RuntimeTypes.PROJECTION_MAPPING,
              route.event(), member);
        }
      }
      method.addCode("$<}\n");
    }
    return method.addCode("default -> {\n$>")
        .addStatement("return $T.of()", list)
        .addCode("$<}\n")
        .endControlFlow()
        .build();
  }

  private static MethodSpec initial(ProjectionModel projection) {
    MethodSpec.Builder initial = override("initial", projection.type()).addParameter(ClassName.OBJECT, "id");
    if (!projection.instantiable()) {
      return initial.addStatement("return null").build();
    }
    initial.addStatement("$T document = new $T()", projection.type(), projection.type());
    projection.idMutator().ifPresent(mutator ->
        initial.addStatement(mutator.writeTo("document", "($T) id"), projection.idKind().boxed()));
    return initial.addStatement("return document").build();
  }

  private static MethodSpec apply(ProjectionModel projection) {
    ClassName document = projection.type();
    MethodSpec.Builder apply = override("apply", document)
        .addParameter(document, "current")
        .addParameter(ClassName.OBJECT, "id")
        .addParameter(ANY_ENVELOPE, "event")
        .beginControlFlow("switch (event.type())");
    for (Route route : projection.routes()) {
      List<HandlerModel> handlers = projection.handlersOf(route.eventName());
      apply.addCode("case $S -> {\n$>", route.eventName());
      HandlerModel first = handlers.get(0);
      HandlerModel instance = handlers.get(handlers.size() - 1);
      if (handlers.size() == 1 && first.shape() == Shape.CREATE) {
        apply.addStatement("return $T.$N($L)", document, first.name(), HandlerArguments.of(first));
      } else {
        if (handlers.size() == 2) {
          apply.beginControlFlow("if (current == null)")
              .addStatement("return $T.$N($L)", document, first.name(), HandlerArguments.of(first))
              .endControlFlow();
        }
        String target = handlers.size() == 2 ? "current" : "existing(current, id, event)";
        if (instance.shape() == Shape.EVOLVE) {
          apply.addStatement("return " + target + ".$N($L)", instance.name(), HandlerArguments.of(instance));
        } else {
          if (handlers.size() == 1) {
            apply.addStatement("current = existing(current, id, event)");
          }
          apply.addStatement("current.$N($L)", instance.name(), HandlerArguments.of(instance))
              .addStatement("return current");
        }
      }
      apply.addCode("$<}\n");
    }
    return apply.addCode("default -> {\n$>")
        .addStatement("return current")
        .addCode("$<}\n")
        .endControlFlow()
        .build();
  }
}
