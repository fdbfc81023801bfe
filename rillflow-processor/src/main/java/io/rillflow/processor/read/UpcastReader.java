package io.rillflow.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.UpcastModel;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Upcast} method into an {@link UpcastModel}, or reports why it cannot. The
 * method's own shape is checked here; how the steps of one event fit together is
 * {@link io.rillflow.processor.validate.UpcastChainValidator}'s job.
 */
public final class UpcastReader {
  static final String UPCAST = "io.rillflow.annotations.Upcast";
  static final String OBJECT_NODE = "com.fasterxml.jackson.databind.node.ObjectNode";
  static final String QUERY_SESSION = "io.rillflow.QuerySession";

  private final Diagnostics diagnostics;
  private final Elements elements;
  private final Types types;

  public UpcastReader(Diagnostics diagnostics, Elements elements, Types types) {
    this.diagnostics = diagnostics;
    this.elements = elements;
    this.types = types;
  }

  /** The model of {@code element}, or empty after reporting every problem found on it. */
  public Optional<UpcastModel> read(Element element) {
    ExecutableElement method = (ExecutableElement) element;
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String name = owner.getSimpleName() + "." + method.getSimpleName();
    boolean valid = checkShape(method, owner, name);
    int parameters = method.getParameters().size();
    if (parameters < 1 || parameters > 2) {
      diagnostics.error(method, Message.UPCAST_PARAMETERS, name, parameters);
      return Optional.empty();
    }
    // An upcast that enriches an old event from documents takes a read-only session to look them up in.
    boolean lookup = parameters == 2;
    if (lookup && !isNamed(method.getParameters().get(1).asType(), QUERY_SESSION)) {
      VariableElement second = method.getParameters().get(1);
      diagnostics.error(second, Message.UPCAST_LOOKUP_PARAMETER, name, TypeName.get(second.asType()));
      valid = false;
    }
    AnnotationMirror upcast = Annotations.find(method, UPCAST).orElseThrow();
    VariableElement parameter = method.getParameters().get(0);
    if (isObjectNode(parameter.asType())) {
      return readJson(method, owner, name, upcast, valid, lookup);
    }
    Optional<TypeElement> input = eventType(parameter.asType());
    if (input.isEmpty()) {
      diagnostics.error(parameter, Message.UPCAST_PARAMETER_TYPE, name, TypeName.get(parameter.asType()));
      return Optional.empty();
    }
    return readTyped(method, owner, name, upcast, input.get(), valid, lookup);
  }

  private Optional<UpcastModel> readJson(ExecutableElement method, TypeElement owner, String name,
      AnnotationMirror upcast, boolean valid, boolean lookup) {
    if (!isObjectNode(method.getReturnType())) {
      diagnostics.error(method, Message.UPCAST_RETURN_TYPE, name, TypeName.get(method.getReturnType()), "ObjectNode");
      valid = false;
    }
    String event = Annotations.stringValue(upcast, "event");
    int from = Annotations.value(upcast, "from").map(v -> (Integer) v.getValue()).orElse(0);
    if (event.isBlank() || from < 1) {
      diagnostics.error(method, upcast, Message.UPCAST_JSON_ATTRIBUTES, name);
      valid = false;
    }
    return valid ? Optional.of(new UpcastModel(method, owner, event, from, null, null, lookup)) : Optional.empty();
  }

  private Optional<UpcastModel> readTyped(ExecutableElement method, TypeElement owner, String name,
      AnnotationMirror upcast, TypeElement input, boolean valid, boolean lookup) {
    if (Annotations.value(upcast, "event").isPresent() || Annotations.value(upcast, "from").isPresent()) {
      diagnostics.error(method, upcast, Message.UPCAST_TYPED_ATTRIBUTES, name);
      valid = false;
    }
    EventReader.Declared from = EventReader.declared(input).orElseThrow();
    Optional<TypeElement> output = eventType(method.getReturnType());
    if (output.isEmpty()) {
      diagnostics.error(method, Message.UPCAST_RETURN_TYPE, name, TypeName.get(method.getReturnType()),
          "the @Event class of version " + (from.version() + 1) + " of " + from.name());
      return Optional.empty();
    }
    EventReader.Declared to = EventReader.declared(output.get()).orElseThrow();
    if (!from.name().equals(to.name())) {
      diagnostics.error(method, Message.UPCAST_NAME_MISMATCH, name, from.name(), to.name());
      valid = false;
    } else if (to.version() != from.version() + 1) {
      diagnostics.error(method, Message.UPCAST_NOT_NEXT_VERSION, name, from.version(), from.name(), to.version(),
          from.version() + 1);
      valid = false;
    }
    return valid
        ? Optional.of(new UpcastModel(method, owner, from.name(), from.version(), ClassName.get(input), ClassName.get(output.get()),
            lookup))
        : Optional.empty();
  }

  /** Static, reachable from generated code in its package, and throwing nothing checked. */
  private boolean checkShape(ExecutableElement method, TypeElement owner, String name) {
    boolean valid = true;
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.error(method, Message.UPCAST_NOT_STATIC, name);
      valid = false;
    }
    boolean hidden = method.getModifiers().contains(Modifier.PRIVATE);
    for (Element e = owner; e instanceof TypeElement && !hidden; e = e.getEnclosingElement()) {
      hidden = e.getModifiers().contains(Modifier.PRIVATE);
    }
    if (hidden) {
      diagnostics.error(method, Message.UPCAST_NOT_ACCESSIBLE, name);
      valid = false;
    }
    TypeElement runtimeException = elements.getTypeElement("java.lang.RuntimeException");
    TypeElement error = elements.getTypeElement("java.lang.Error");
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (!types.isSubtype(thrown, runtimeException.asType()) && !types.isSubtype(thrown, error.asType())) {
        diagnostics.error(method, Message.UPCAST_CHECKED_EXCEPTION, name, TypeName.get(thrown));
        valid = false;
      }
    }
    return valid;
  }

  private static boolean isObjectNode(TypeMirror type) {
    return isNamed(type, OBJECT_NODE);
  }

  private static boolean isNamed(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }

  /** The {@code @Event} class {@code type} names, if it names one. */
  private static Optional<TypeElement> eventType(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    return Annotations.find(element, EventReader.EVENT).isPresent() ? Optional.of(element) : Optional.empty();
  }
}
