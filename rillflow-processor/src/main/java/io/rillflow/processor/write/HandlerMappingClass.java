package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * What the generated classes that call {@code @Apply} handlers ({@code <Type>_Aggregate},
 * {@code <Type>_Projection}) share: one {@code INSTANCE}, a private constructor, and the handled
 * event classes in {@code EVENT_TYPES}, which {@link #eventTypes()} returns.
 */
final class HandlerMappingClass {
  private static final ClassName LIST = ClassName.get(List.class);
  private static final TypeName EVENT_TYPES = ParameterizedTypeName.get(LIST,
      ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class)));

  private HandlerMappingClass() {}

  /** A public final class implementing {@code superinterface}, with those shared members. */
  static TypeSpec.Builder start(ClassName name, TypeName superinterface, List<ClassName> eventClasses) {
    CodeBlock.Builder classes = CodeBlock.builder();
    for (int i = 0; i < eventClasses.size(); i++) {
      classes.add(i == 0 ? "$T.class" : ", $T.class", eventClasses.get(i));
    }
    return TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(superinterface)
        .addField(FieldSpec.builder(name, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The one instance; the mapping holds no per-store state.\n")
            .initializer("new $T()", name)
            .build())
        .addField(FieldSpec.builder(EVENT_TYPES, "EVENT_TYPES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$T.of($L)", LIST, classes.build())
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
  }

  /** {@code eventTypes()}, returning the {@code EVENT_TYPES} constant. */
  static MethodSpec eventTypes() {
    return override("eventTypes", EVENT_TYPES).addStatement("return EVENT_TYPES").build();
  }

  /** A public method that overrides the interface's. */
  static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
  }
}
