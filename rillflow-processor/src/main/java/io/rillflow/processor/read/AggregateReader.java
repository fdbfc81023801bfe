package io.rillflow.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.AggregateModel;
import io.rillflow.processor.model.EventModel;
import io.rillflow.processor.model.HandlerModel;
import io.rillflow.processor.model.HandlerModel.Envelope;
import io.rillflow.processor.model.HandlerModel.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Aggregate} type and its {@code @Apply} handlers (those it declares itself)
 * into an {@link AggregateModel}, or reports every problem found, each on the narrowest element.
 */
public final class AggregateReader {
  static final String AGGREGATE = "io.rillflow.annotations.Aggregate";
  static final String APPLY = "io.rillflow.annotations.Apply";
  static final String DOCUMENT = "io.rillflow.annotations.Document";
  static final String ENVELOPE = "io.rillflow.EventEnvelope";

  private final Diagnostics diagnostics;
  private final Elements elements;
  private final Types types;
  /** The newest {@code @Event} class of a type name among those of this compilation read so far. */
  private final Function<String, Optional<EventModel>> newestEvent;

  public AggregateReader(Diagnostics diagnostics, Elements elements, Types types,
      Function<String, Optional<EventModel>> newestEvent) {
    this.diagnostics = diagnostics;
    this.elements = elements;
    this.types = types;
    this.newestEvent = newestEvent;
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
    List<HandlerModel> handlers = new ArrayList<>();
    Map<String, HandlerModel> byEvent = new HashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.find(method, APPLY).isEmpty()) {
        continue;
      }
      Optional<HandlerModel> handler = readHandler(type, method);
      if (handler.isEmpty()) {
        valid = false;
        continue;
      }
      HandlerModel earlier = byEvent.putIfAbsent(handler.get().eventName(), handler.get());
      if (earlier != null) {
        diagnostics.error(method, Message.APPLY_TWICE, describe(type, earlier.element()), describe(type, method),
            handler.get().eventName());
        valid = false;
      }
      handlers.add(handler.get());
    }
    boolean instantiable = instantiable(type);
    boolean creates = handlers.stream().anyMatch(h -> h.shape() == Shape.CREATE);
    if (valid && !instantiable && !creates && !type.getModifiers().contains(Modifier.ABSTRACT)) {
      diagnostics.error(type, Message.AGGREGATE_NO_FIRST_STATE, type.getSimpleName(), type.getSimpleName());
      valid = false;
    }
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(new AggregateModel(type, ClassName.get(type), snapshotEvery, lifecycle, strict, instantiable,
        List.copyOf(handlers), fingerprint(type, handlers)));
  }

  private Optional<HandlerModel> readHandler(TypeElement type, ExecutableElement method) {
    String name = describe(type, method);
    boolean valid = true;
    String generated = String.join("_", ClassName.get(type).simpleNames()) + "_Aggregate";
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.error(method, Message.APPLY_NOT_ACCESSIBLE, name, generated);
      valid = false;
    }
    TypeElement runtimeException = elements.getTypeElement("java.lang.RuntimeException");
    TypeElement error = elements.getTypeElement("java.lang.Error");
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (!types.isSubtype(thrown, runtimeException.asType()) && !types.isSubtype(thrown, error.asType())) {
        diagnostics.error(method, Message.APPLY_CHECKED_EXCEPTION, name, TypeName.get(thrown));
        valid = false;
      }
    }
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.isEmpty() || parameters.size() > 2) {
      diagnostics.error(method, Message.APPLY_PARAMETERS, name, parameters.size());
      return Optional.empty();
    }
    VariableElement eventParameter = parameters.get(0);
    Optional<TypeElement> event = eventType(eventParameter.asType());
    if (event.isEmpty()) {
      diagnostics.error(eventParameter, Message.APPLY_NOT_AN_EVENT, name, TypeName.get(eventParameter.asType()));
      return Optional.empty();
    }
    EventReader.Declared declared = EventReader.declared(event.get()).orElseThrow();
    Optional<EventModel> newest = newestEvent.apply(declared.name());
    if (newest.isPresent() && newest.get().version() > declared.version()) {
      EventModel current = newest.get();
      diagnostics.error(eventParameter, Message.APPLY_OLD_EVENT_VERSION, name, event.get().getSimpleName(),
          declared.version(), declared.name(), current.type().simpleName(), current.version(), current.type().simpleName());
      return Optional.empty();
    }
    Envelope envelope = Envelope.NONE;
    if (parameters.size() == 2) {
      VariableElement second = parameters.get(1);
      Optional<Envelope> kind = envelopeKind(second.asType(), event.get());
      if (kind.isEmpty()) {
        diagnostics.error(second, Message.APPLY_ENVELOPE_TYPE, name, TypeName.get(second.asType()),
            event.get().getSimpleName());
        valid = false;
      } else {
        envelope = kind.get();
      }
    }
    Optional<Shape> shape = shape(type, method, name);
    if (shape.isEmpty() || !valid) {
      return Optional.empty();
    }
    return Optional.of(new HandlerModel(method, shape.get(), ClassName.get(event.get()), declared.name(),
        declared.version(), envelope));
  }

  private Optional<Shape> shape(TypeElement type, ExecutableElement method, String name) {
    TypeMirror returned = method.getReturnType();
    boolean returnsState = types.isSameType(types.erasure(returned), types.erasure(type.asType()));
    if (method.getModifiers().contains(Modifier.STATIC)) {
      if (returnsState) {
        return Optional.of(Shape.CREATE);
      }
      diagnostics.error(method, Message.APPLY_STATIC_RETURN, name, TypeName.get(returned), type.getSimpleName());
      return Optional.empty();
    }
    if (returnsState) {
      return Optional.of(Shape.EVOLVE);
    }
    if (returned.getKind() == TypeKind.VOID) {
      if (type.getKind() == ElementKind.RECORD) {
        diagnostics.error(method, Message.APPLY_VOID_ON_RECORD, name, type.getSimpleName(), type.getSimpleName(),
            method.getSimpleName());
        return Optional.empty();
      }
      return Optional.of(Shape.MUTATE);
    }
    diagnostics.error(method, Message.APPLY_RETURN_TYPE, name, TypeName.get(returned), type.getSimpleName());
    return Optional.empty();
  }

  private boolean checkShape(TypeElement type) {
    boolean valid = true;
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      diagnostics.error(type, Message.AGGREGATE_ABSTRACT, type.getSimpleName());
      valid = false;
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
        && type.getKind() == ElementKind.CLASS) {
      diagnostics.error(type, Message.AGGREGATE_INNER_CLASS, type.getSimpleName());
      valid = false;
    }
    if (!type.getTypeParameters().isEmpty()) {
      diagnostics.error(type, Message.AGGREGATE_GENERIC, type.getSimpleName());
      valid = false;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        diagnostics.error(type, Message.AGGREGATE_NOT_ACCESSIBLE, e.getSimpleName(), type.getSimpleName());
        valid = false;
        break;
      }
    }
    return valid;
  }

  /** Whether generated code in the type's package can call a constructor without parameters. */
  private static boolean instantiable(TypeElement type) {
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
  }

  /** The {@code @Event} class {@code type} names, if it names one. */
  private static Optional<TypeElement> eventType(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    return Annotations.find(element, EventReader.EVENT).isPresent() ? Optional.of(element) : Optional.empty();
  }

  /** How a second parameter takes the envelope: raw or {@code <?>}, or typed by the handler's event. */
  private Optional<Envelope> envelopeKind(TypeMirror type, TypeElement event) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    if (!((TypeElement) declared.asElement()).getQualifiedName().contentEquals(ENVELOPE)) {
      return Optional.empty();
    }
    if (declared.getTypeArguments().isEmpty()) {
      return Optional.of(Envelope.WILDCARD);
    }
    TypeMirror argument = declared.getTypeArguments().get(0);
    if (argument.getKind() == TypeKind.WILDCARD) {
      return Optional.of(Envelope.WILDCARD);
    }
    return types.isSameType(argument, event.asType()) ? Optional.of(Envelope.TYPED) : Optional.empty();
  }

  private static String describe(TypeElement type, ExecutableElement method) {
    StringBuilder text = new StringBuilder(type.getSimpleName()).append('.').append(method.getSimpleName()).append('(');
    for (int i = 0; i < method.getParameters().size(); i++) {
      text.append(i == 0 ? "" : ", ").append(TypeName.get(method.getParameters().get(i).asType()));
    }
    return text.append(')').toString();
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
