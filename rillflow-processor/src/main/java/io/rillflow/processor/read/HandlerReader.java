package io.rillflow.processor.read;

import io.rillflow.processor.SimpleNames;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.EventModel;
import io.rillflow.processor.model.HandlerModel;
import io.rillflow.processor.model.HandlerModel.Envelope;
import io.rillflow.processor.model.HandlerModel.Shape;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Apply} handler, of an aggregate or a read model, into a {@link HandlerModel}:
 * its event, its shape and how it takes the envelope, each problem reported on the method or the
 * parameter at fault.
 */
public final class HandlerReader {
  static final String APPLY = "io.rillflow.annotations.Apply";
  static final String ENVELOPE = "io.rillflow.events.EventEnvelope";

  private final Diagnostics diagnostics;
  private final Elements elements;
  private final Types types;
  /** The newest {@code @Event} class of a type name among those of this compilation read so far. */
  private final Function<String, Optional<EventModel>> newestEvent;

  public HandlerReader(Diagnostics diagnostics, Elements elements, Types types,
      Function<String, Optional<EventModel>> newestEvent) {
    this.diagnostics = diagnostics;
    this.elements = elements;
    this.types = types;
    this.newestEvent = newestEvent;
  }

  /**
   * The model of one {@code @Apply} method of {@code type}, or empty after reporting every problem
   * found on it.
   *
   * @param generated the simple name of the generated class that calls it, for messages
   */
  public Optional<HandlerModel> read(TypeElement type, ExecutableElement method, String generated) {
    String name = describe(type, method);
    boolean valid = true;
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

  /** {@code Type.method(ParamType, ...)}, as messages name a handler. */
  public static String describe(TypeElement type, ExecutableElement method) {
    StringBuilder text = new StringBuilder(type.getSimpleName()).append('.').append(method.getSimpleName()).append('(');
    for (int i = 0; i < method.getParameters().size(); i++) {
      text.append(i == 0 ? "" : ", ").append(SimpleNames.of(method.getParameters().get(i).asType()));
    }
    return text.append(')').toString();
  }

  /** Whether generated code in the type's package can call a constructor without parameters. */
  static boolean instantiable(TypeElement type) {
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
  }
}
