package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.rillflow.processor.model.EventModel;
import io.rillflow.processor.model.TagModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Writes {@code <Type>_Event}: the stored type name and schema version of one event class. */
public final class EventMappingWriter {
  private final SourceWriter sources;

  public EventMappingWriter(SourceWriter sources) {
    this.sources = sources;
  }

  /** {@code tags(event)}: each {@code @Tag} member's name and value, read with plain calls. */
  private static MethodSpec tags(EventModel event) {
    CodeBlock.Builder arguments = CodeBlock.builder();
    for (TagModel tag : event.tags()) {
      if (!arguments.isEmpty()) {
        arguments.add(", ");
      }
      arguments.add("$S, $L", tag.name(), tag.valueFrom("event"));
    }
    return MethodSpec.methodBuilder("tags")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class)))
        .addParameter(event.type(), "event")
        .addStatement("return $T.of($L)", RuntimeTypes.EVENT_TAGS, arguments.build())
        .build();
  }

  public void write(EventModel event) {
    ClassName name = event.mappingName();
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("How {@link $T} is stored: event type $S, schema version $L.\n", event.type(), event.name(),
            event.version())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.EVENT_MAPPING, event.type()))
        .addField(FieldSpec.builder(name, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The one instance; the mapping holds no per-store state.\n")
            .initializer("new $T()", name)
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("eventType")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(ClassName.get(Class.class), event.type()))
            .addStatement("return $T.class", event.type())
            .build())
        .addMethod(MethodSpec.methodBuilder("typeName")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addStatement("return $S", event.name())
            .build())
        .addMethod(MethodSpec.methodBuilder("schemaVersion")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(int.class)
            .addStatement("return $L", event.version())
            .build());
    if (!event.tags().isEmpty()) {
      type.addMethod(tags(event));
    }
    sources.write(name.packageName(), type, event.element());
  }
}
