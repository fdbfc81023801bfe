package io.rillflow.processor.validate;

import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The shape every annotated type must have, one rule set for documents (and read models), events
 * and aggregates, each kind with its own messages: concrete, static when nested, without type
 * parameters (a stored value is read back without them; a generic type was accepted for documents
 * and compiled with raw-type warnings), reachable from its package, and, where the kind is read back
 * by instantiating it, constructible.
 */
public final class TypeShapeValidator {
  static final String JSON_CREATOR = "com.fasterxml.jackson.annotation.JsonCreator";

  /**
   * One kind's messages.
   *
   * @param noConstructor the message for a class that cannot be instantiated, or {@code null} when
   *     the kind has its own rule for its first state
   */
  public record Kind(Message abstractType, Message innerClass, Message generic, Message notAccessible, Message noConstructor) {}

  public static final Kind DOCUMENT = new Kind(Message.DOCUMENT_ABSTRACT, Message.DOCUMENT_INNER_CLASS,
      Message.DOCUMENT_GENERIC, Message.DOCUMENT_NOT_ACCESSIBLE, Message.DOCUMENT_NO_CONSTRUCTOR);
  public static final Kind EVENT = new Kind(Message.EVENT_ABSTRACT, Message.EVENT_INNER_CLASS,
      Message.EVENT_GENERIC, Message.EVENT_NOT_ACCESSIBLE, Message.EVENT_NO_CONSTRUCTOR);
  public static final Kind AGGREGATE = new Kind(Message.AGGREGATE_ABSTRACT, Message.AGGREGATE_INNER_CLASS,
      Message.AGGREGATE_GENERIC, Message.AGGREGATE_NOT_ACCESSIBLE, null);

  private final Diagnostics diagnostics;

  public TypeShapeValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Reports every shape problem of {@code type} on it; whether there was none. */
  public boolean validate(TypeElement type, Kind kind) {
    boolean valid = true;
    boolean isAbstract = type.getModifiers().contains(Modifier.ABSTRACT);
    if (isAbstract) {
      diagnostics.error(type, kind.abstractType(), type.getSimpleName());
      valid = false;
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
        && type.getKind() == ElementKind.CLASS) {
      diagnostics.error(type, kind.innerClass(), type.getSimpleName());
      valid = false;
    }
    if (!type.getTypeParameters().isEmpty()) {
      diagnostics.error(type, kind.generic(), type.getSimpleName());
      valid = false;
    }
    if (kind.noConstructor() != null && type.getKind() == ElementKind.CLASS && !isAbstract && !instantiable(type)) {
      diagnostics.error(type, kind.noConstructor(), type.getSimpleName());
      valid = false;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        diagnostics.error(type, kind.notAccessible(), e.getSimpleName(), type.getSimpleName());
        valid = false;
        break;
      }
    }
    return valid;
  }

  /** A constructor without parameters, or one marked {@code @JsonCreator}. */
  public static boolean instantiable(TypeElement type) {
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty() || constructor.getAnnotationMirrors().stream()
          .anyMatch(a -> a.getAnnotationType().toString().equals(JSON_CREATOR))) {
        return true;
      }
    }
    return false;
  }
}
