package io.rillflow.processor.read;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The stored members of a type (and of the application types nested in it) whose type does not
 * exist yet. Another annotation processor may generate it in a later round, so a step defers such
 * a type instead of reading it without them; a member left out would silently lose its query path.
 */
public final class MissingTypes {
  private MissingTypes() {}

  /** A member whose type is missing: its owner, name and type as written. */
  public record Missing(TypeElement owner, javax.lang.model.element.Element member, String name, TypeMirror type) {}

  public static List<Missing> in(TypeElement type) {
    List<Missing> missing = new ArrayList<>();
    collect(type, missing, new ArrayList<>(), 0);
    return missing;
  }

  /**
   * The parameters of {@code type}'s {@code @Apply} handlers whose type is missing: an event class
   * another processor generates, which the handler cannot be checked against yet.
   */
  public static List<Missing> inHandlers(TypeElement type) {
    List<Missing> missing = new ArrayList<>();
    for (javax.lang.model.element.ExecutableElement method
        : javax.lang.model.util.ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.find(method, HandlerReader.APPLY).isEmpty()) {
        continue;
      }
      for (javax.lang.model.element.VariableElement parameter : method.getParameters()) {
        if (hasError(parameter.asType())) {
          missing.add(new Missing(type, parameter, parameter.getSimpleName().toString(), parameter.asType()));
        }
      }
    }
    return missing;
  }

  private static void collect(TypeElement type, List<Missing> missing, List<String> seen, int depth) {
    String name = type.getQualifiedName().toString();
    if (seen.contains(name) || depth > MetamodelReader.MAX_DEPTH) {
      return;
    }
    seen.add(name);
    for (Properties.Found member : Properties.of(type)) {
      if (hasError(member.type())) {
        missing.add(new Missing(type, member.element(), member.name(), member.type()));
      } else if (member.type().getKind() == TypeKind.DECLARED) {
        TypeElement nested = (TypeElement) ((DeclaredType) member.type()).asElement();
        String nestedName = nested.getQualifiedName().toString();
        if (!nestedName.startsWith("java.") && !nestedName.startsWith("javax.")
            && (nested.getKind() == ElementKind.CLASS || nested.getKind() == ElementKind.RECORD)) {
          collect(nested, missing, seen, depth + 1);
        }
      }
    }
  }

  private static boolean hasError(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (type.getKind() == TypeKind.DECLARED) {
      return ((DeclaredType) type).getTypeArguments().stream().anyMatch(MissingTypes::hasError);
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return hasError(((javax.lang.model.type.ArrayType) type).getComponentType());
    }
    return false;
  }
}
