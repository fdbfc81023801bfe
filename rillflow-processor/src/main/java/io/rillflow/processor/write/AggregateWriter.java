package io.rillflow.processor.write;

import static io.rillflow.processor.write.HandlerMappingClass.override;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.rillflow.processor.model.AggregateModel;
import io.rillflow.processor.model.HandlerModel;

/**
 * Writes {@code <Type>_Aggregate}: a switch on the stored event type name that calls the typed
 * {@code @Apply} handler, and the aggregate's settings.
 */
public final class AggregateWriter {
  private final SourceWriter sources;

  public AggregateWriter(SourceWriter sources) {
    this.sources = sources;
  }

  public void write(AggregateModel aggregate) {
    ClassName name = aggregate.mappingName();
    ClassName state = aggregate.type();
    TypeSpec.Builder type = HandlerMappingClass.start(name, ParameterizedTypeName.get(RuntimeTypes.AGGREGATE_MAPPING, state),
            aggregate.handlers().stream().map(HandlerModel::event).toList())
        .addJavadoc("Folds the events of {@link $T}: each stored type name to its {@code @Apply} handler.\n", state)
        .addMethod(override("aggregateType", ParameterizedTypeName.get(ClassName.get(Class.class), state))
            .addStatement("return $T.class", state)
            .build())
        .addMethod(HandlerMappingClass.eventTypes());
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
    type.addMethod(override("snapshotSchema", TypeName.INT)
        .addComment("A fingerprint of the stored state's shape (its fields, each handled event's name and version and")
        .addComment("its handler's shape): a snapshot taken under another fingerprint is ignored and folded again.")
        .addComment("A change to what a handler does is not in it; delete the type's snapshots then.")
        .addStatement("return $L", aggregate.snapshotSchema()).build());
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
      apply.addCode("case $S -> {\n$>", handler.eventName());
      switch (handler.shape()) {
        case CREATE -> apply.addStatement("return $T.$N($L)", state, handler.name(), arguments);
        case EVOLVE -> apply.addStatement("return existing(state, event).$N($L)", handler.name(), arguments);
        case MUTATE -> apply.addStatement("existing(state, event).$N($L)", handler.name(), arguments)
            .addStatement("return state");
      }
      apply.addCode("$<}\n");
    }
    apply.addCode("default -> {\n$>")
        .addStatement("return state")
        .addCode("$<}\n")
        .endControlFlow();
    return apply.build();
  }
}
