package io.rillflow.processor.read;

import io.rillflow.processor.model.Accessor;
import io.rillflow.processor.model.PropertyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The stored members of a type, as the store's mapper sees them: a record's components, or a
 * class's instance fields that are not {@code transient}, its superclasses' first. A member
 * generated code cannot read has no accessor; the caller decides whether that is an error.
 */
public final class Properties {
  private Properties() {}

  /** A member, and how to read it when that is possible. */
  public record Found(String name, TypeMirror type, Element element, Optional<Accessor> accessor, Optional<Accessor> mutator) {
    PropertyModel toModel() {
      return new PropertyModel(name, type, element, accessor.orElseThrow(), mutator);
    }
  }

  public static List<Found> of(TypeElement type) {
    if (type.getKind() == ElementKind.RECORD) {
      List<Found> found = new ArrayList<>();
      for (RecordComponentElement component : type.getRecordComponents()) {
        // Diagnostics point at the component's field: javac 17 gives record component elements
        // no source position, while the field carries the component's position and annotations.
        Element element = ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
            .filter(field -> field.getSimpleName().contentEquals(component.getSimpleName()))
            .findFirst()
            .map(Element.class::cast)
            .orElse(component);
        found.add(new Found(component.getSimpleName().toString(), component.asType(), element,
            Optional.of(Accessor.method(component.getAccessor().getSimpleName().toString())), Optional.empty()));
      }
      return found;
    }
    List<Found> found = new ArrayList<>();
    collectFields(type, found);
    return found;
  }

  private static void collectFields(TypeElement type, List<Found> found) {
    TypeMirror superclass = type.getSuperclass();
    if (superclass.getKind() == TypeKind.DECLARED) {
      TypeElement parent = (TypeElement) ((DeclaredType) superclass).asElement();
      if (!parent.getQualifiedName().contentEquals("java.lang.Object")) {
        collectFields(parent, found);
      }
    }
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (field.getModifiers().contains(Modifier.STATIC) || field.getModifiers().contains(Modifier.TRANSIENT)) {
        continue;
      }
      String name = field.getSimpleName().toString();
      Optional<Accessor> accessor = field.getModifiers().contains(Modifier.PRIVATE)
          ? getter(type, name, field.asType())
          : Optional.of(Accessor.field(name));
      Optional<Accessor> mutator = field.getModifiers().contains(Modifier.PRIVATE)
          || field.getModifiers().contains(Modifier.FINAL)
          ? setter(type, name)
          : Optional.of(Accessor.field(name));
      found.add(new Found(name, field.asType(), field, accessor, mutator));
    }
  }

  /** {@code getName()}, {@code isName()} for booleans, or {@code name()}, not private. */
  private static Optional<Accessor> getter(TypeElement type, String name, TypeMirror fieldType) {
    String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    List<String> candidates = fieldType.getKind() == TypeKind.BOOLEAN
        ? List.of("is" + capitalized, "get" + capitalized, name)
        : List.of("get" + capitalized, name);
    for (String candidate : candidates) {
      for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals(candidate)
            && method.getParameters().isEmpty()
            && !method.getModifiers().contains(Modifier.PRIVATE)
            && !method.getModifiers().contains(Modifier.STATIC)) {
          return Optional.of(Accessor.method(candidate));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code setName(value)}, not private. */
  private static Optional<Accessor> setter(TypeElement type, String name) {
    String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getSimpleName().contentEquals(setter)
          && method.getParameters().size() == 1
          && !method.getModifiers().contains(Modifier.PRIVATE)
          && !method.getModifiers().contains(Modifier.STATIC)) {
        return Optional.of(Accessor.method(setter));
      }
    }
    return Optional.empty();
  }

  /** The getter name suggested when a private member has none. */
  static String suggestedGetter(String name) {
    return "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
