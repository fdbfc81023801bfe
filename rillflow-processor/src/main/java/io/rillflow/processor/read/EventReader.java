package io.rillflow.processor.read;

import io.rillflow.processor.validate.TypeShapeValidator;
import com.palantir.javapoet.ClassName;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.EventModel;
import io.rillflow.processor.model.TagModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/** Reads one {@code @Event} class into an {@link EventModel}, or reports why it cannot. */
public final class EventReader {
  static final String EVENT = "io.rillflow.annotations.Event";
  private static final int MAX_NAME_LENGTH = 200;

  private final Diagnostics diagnostics;

  public EventReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** An event's stored name and schema version, as its annotation says. */
  record Declared(String name, int version) {}

  /**
   * The name and version of an {@code @Event} type, read without reporting (also from class
   * files of other compilations); empty when the type is not an event.
   */
  static Optional<Declared> declared(TypeElement type) {
    return Annotations.find(type, EVENT).map(mirror -> {
      String name = Annotations.stringValue(mirror, "name");
      int version = Annotations.value(mirror, "version").map(v -> (Integer) v.getValue()).orElse(1);
      return new Declared(name.isEmpty() ? type.getSimpleName().toString() : name, version);
    });
  }

  /** The model of {@code element}, or empty after reporting every problem found on it. */
  public Optional<EventModel> read(Element element) {
    if (element.getKind() != ElementKind.CLASS && element.getKind() != ElementKind.RECORD) {
      diagnostics.error(element, Message.EVENT_NOT_A_CLASS, element.getSimpleName(),
          element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
      return Optional.empty();
    }
    TypeElement type = (TypeElement) element;
    boolean valid = checkShape(type);
    AnnotationMirror event = Annotations.find(type, EVENT).orElseThrow();
    Declared declared = declared(type).orElseThrow();
    String name = declared.name();
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isWhitespace)) {
      AnnotationValue value = Annotations.value(event, "name").orElse(null);
      diagnostics.error(type, event, value, Message.EVENT_NAME_INVALID, name, type.getSimpleName());
      valid = false;
    }
    if (declared.version() < 1) {
      AnnotationValue value = Annotations.value(event, "version").orElse(null);
      diagnostics.error(type, event, value, Message.EVENT_VERSION_INVALID, type.getSimpleName(), declared.version());
      valid = false;
    }
    Optional<List<TagModel>> tags = new TagReader(diagnostics).read(type);
    if (!valid || tags.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EventModel(type, ClassName.get(type), name, declared.version(), tags.get()));
  }

  private boolean checkShape(TypeElement type) {
    return new TypeShapeValidator(diagnostics).validate(type, TypeShapeValidator.EVENT);
  }
}
