package io.rillflow.processor.read;

import io.rillflow.processor.validate.TypeShapeValidator;
import com.palantir.javapoet.ClassName;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.AggregateModel;
import io.rillflow.processor.model.HandlerModel;
import io.rillflow.processor.model.HandlerModel.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Reads one {@code @Aggregate} type and its {@code @Apply} handlers (those it declares itself)
 * into an {@link AggregateModel}, or reports every problem found, each on the narrowest element.
 */
public final class AggregateReader {
  static final String AGGREGATE = "io.rillflow.annotations.Aggregate";
  static final String APPLY = HandlerReader.APPLY;
  static final String DOCUMENT = "io.rillflow.annotations.Document";

  private final Diagnostics diagnostics;
  private final HandlerReader handlers;

  public AggregateReader(Diagnostics diagnostics, HandlerReader handlers) {
    this.diagnostics = diagnostics;
    this.handlers = handlers;
  }

  /** The model of {@code element}, or empty after reporting every problem found on it. */
  public Optional<AggregateModel> read(Element element) {
    if (element.getKind() != ElementKind.CLASS && element.getKind() != ElementKind.RECORD) {
      diagnostics.error(element, Message.AGGREGATE_NOT_A_CLASS, element.getSimpleName(),
          element.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '));
      return Optional.empty();
    }
    TypeElement type = (TypeElement) element;
    boolean valid = checkShape(type);
    AnnotationMirror aggregate = Annotations.find(type, AGGREGATE).orElseThrow();
    int snapshotEvery = Annotations.value(aggregate, "snapshotEvery").map(v -> (Integer) v.getValue()).orElse(0);
    if (snapshotEvery < 0) {
      AnnotationValue value = Annotations.value(aggregate, "snapshotEvery").orElse(null);
      diagnostics.error(type, aggregate, value, Message.AGGREGATE_SNAPSHOT_EVERY, type.getSimpleName(), snapshotEvery);
      valid = false;
    }
    String lifecycle = Annotations.value(aggregate, "lifecycle")
        .map(v -> ((VariableElement) v.getValue()).getSimpleName().toString()).orElse("LIVE");
    if (!lifecycle.equals("LIVE") && Annotations.find(type, DOCUMENT).isEmpty()) {
      AnnotationValue value = Annotations.value(aggregate, "lifecycle").orElse(null);
      diagnostics.error(type, aggregate, value, Message.AGGREGATE_NOT_A_DOCUMENT, type.getSimpleName(), lifecycle);
      valid = false;
    }
    boolean strict = Annotations.value(aggregate, "strict").map(v -> (Boolean) v.getValue()).orElse(false);
    String generated = String.join("_", ClassName.get(type).simpleNames()) + "_Aggregate";
    List<HandlerModel> read = new ArrayList<>();
    Map<String, HandlerModel> byEvent = new HashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.find(method, APPLY).isEmpty()) {
        continue;
      }
      AnnotationMirror apply = Annotations.find(method, APPLY).orElseThrow();
      if (!Annotations.stringValue(apply, "id").isEmpty()) {
        diagnostics.error(method, apply, Annotations.value(apply, "id").orElseThrow(), Message.APPLY_ID_ON_AGGREGATE,
            HandlerReader.describe(type, method), type.getSimpleName());
        valid = false;
      }
      Optional<HandlerModel> handler = handlers.read(type, method, generated);
      if (handler.isEmpty()) {
        valid = false;
        continue;
      }
      HandlerModel earlier = byEvent.putIfAbsent(handler.get().eventName(), handler.get());
      if (earlier != null) {
        diagnostics.error(method, Message.APPLY_TWICE, HandlerReader.describe(type, earlier.element()), HandlerReader.describe(type, method),
            handler.get().eventName());
        valid = false;
      }
      read.add(handler.get());
    }
    boolean instantiable = HandlerReader.instantiable(type);
    boolean creates = read.stream().anyMatch(h -> h.shape() == Shape.CREATE);
    if (valid && !instantiable && !creates && !type.getModifiers().contains(Modifier.ABSTRACT)) {
      diagnostics.error(type, Message.AGGREGATE_NO_FIRST_STATE, type.getSimpleName(), type.getSimpleName());
      valid = false;
    }
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(new AggregateModel(type, ClassName.get(type), snapshotEvery, lifecycle, strict, instantiable,
        List.copyOf(read), fingerprint(type, read)));
  }

  private boolean checkShape(TypeElement type) {
    return new TypeShapeValidator(diagnostics).validate(type, TypeShapeValidator.AGGREGATE);
  }


  /**
   * A fingerprint of what a snapshot depends on: the state's fields (record components or
   * instance fields, names and types) and, per handled event, its name, schema version and handler
   * shape. {@code String.hashCode} is specified, so the value is the same on every compiler.
   */
  private static int fingerprint(TypeElement type, List<HandlerModel> handlers) {
    StringBuilder shape = new StringBuilder(type.getQualifiedName());
    if (type.getKind() == ElementKind.RECORD) {
      type.getRecordComponents().forEach(c -> shape.append(';').append(c.getSimpleName()).append(':').append(c.asType()));
    } else {
      for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
        if (!field.getModifiers().contains(Modifier.STATIC) && !field.getModifiers().contains(Modifier.TRANSIENT)) {
          shape.append(';').append(field.getSimpleName()).append(':').append(field.asType());
        }
      }
    }
    handlers.stream().map(h -> "|" + h.eventName() + "@" + h.eventVersion() + ":" + h.shape())
        .sorted().forEach(shape::append);
    return shape.toString().hashCode();
  }
}
