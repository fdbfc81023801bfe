package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.model.AggregateModel;
import io.rillflow.processor.model.HandlerModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code <Type>_Aggregate}: a switch on the stored event type name that calls the typed
 * {@code @Apply} handler, and the aggregate's settings.
 */
public final class AggregateWriter {
  private static final ClassName LIST = ClassName.get(List.class);

  private final SourceWriter sources;

  public AggregateWriter(SourceWriter sources) {
    this.sources = sources;
  }

  public void write(AggregateModel aggregate) {
    ClassName name = aggregate.mappingName();
    ClassName state = aggregate.type();
    TypeName anyClass = ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class));
    TypeName eventTypesType = ParameterizedTypeName.get(LIST, anyClass);
    CodeBlock.Builder eventClasses = CodeBlock.builder();
    for (int i = 0; i < aggregate.handlers().size(); i++) {
      eventClasses.add(i == 0 ? "$T.class" : ", $T.class", aggregate.handlers().get(i).event());
    }
    TypeSpec.Builder type = TypeSpec.classBuilder(name)
        .addJavadoc("Folds the events of {@link $T}: each stored type name to its {@code @Apply} handler.\n", state)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.AGGREGATE_MAPPING, state))
        .addField(FieldSpec.builder(name, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The one instance; the mapping holds no per-store state.\n")
            .initializer("new $T()", name)
            .build())
        .addField(FieldSpec.builder(eventTypesType, "EVENT_TYPES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$T.of($L)", LIST, eventClasses.build())
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(override("aggregateType", ParameterizedTypeName.get(ClassName.get(Class.class), state))
            .addStatement("return $T.class", state)
            .build())
        .addMethod(override("eventTypes", eventTypesType).addStatement("return EVENT_TYPES").build());
    if (aggregate.snapshotEvery() != 0) {
      type.addMethod(override("snapshotEvery", TypeName.INT).addStatement("return $L", aggregate.snapshotEvery()).build());
    }
    if (!aggregate.lifecycle().equals("LIVE")) {
      type.addMethod(override("lifecycle", RuntimeTypes.LIFECYCLE)
          .addStatement("return $T.$L", RuntimeTypes.LIFECYCLE, aggregate.lifecycle())
          .build());
    }
    if (aggregate.strict()) {
      type.addMethod(override("strict", TypeName.BOOLEAN).addStatement("return true").build());
    }
    type.addMethod(override("snapshotSchema", TypeName.INT).addStatement("return $L", aggregate.snapshotSchema()).build());
    type.addMethod(override("initial", state)
        .addCode(aggregate.instantiable() ? CodeBlock.of("return new $T();\n", state) : CodeBlock.of("return null;\n"))
        .build());
    type.addMethod(apply(aggregate));
    sources.write(name.packageName(), type, aggregate.element());
  }

  private static MethodSpec apply(AggregateModel aggregate) {
    ClassName state = aggregate.type();
    MethodSpec.Builder apply = override("apply", state)
        .addParameter(state, "state")
        .addParameter(ParameterizedTypeName.get(RuntimeTypes.EVENT_ENVELOPE, WildcardTypeName.subtypeOf(Object.class)),
            "event")
        .beginControlFlow("switch (event.type())");
    for (HandlerModel handler : aggregate.handlers()) {
      CodeBlock arguments = HandlerArguments.of(handler);
      apply.addCode("case $S:\n$>", handler.eventName());
      switch (handler.shape()) {
        case CREATE -> apply.addStatement("return $T.$N($L)", state, handler.name(), arguments);
        case EVOLVE -> apply.addStatement("return existing(state, event).$N($L)", handler.name(), arguments);
        case MUTATE -> apply.addStatement("existing(state, event).$N($L)", handler.name(), arguments)
            .addStatement("return state");
      }
      apply.addCode("$<");
    }
    apply.addCode("default:\n$>")
        .addStatement("return state")
        .addCode("$<")
        .endControlFlow();
    return apply.build();
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
  }
}
