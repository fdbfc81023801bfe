package io.rillflow.processor.read;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads annotations as mirrors, by qualified name: the processor never loads annotation classes,
 * so it works the same whatever the compiler's class path holds.
 */
public final class Annotations {
  private Annotations() {}

  public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value set in source, if any (defaults are not included). */
  static Optional<AnnotationValue> value(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  /** A string attribute, or {@code ""} when left at its default. */
  static String stringValue(AnnotationMirror mirror, String name) {
    return value(mirror, name).map(v -> (String) v.getValue()).orElse("");
  }
}
