package io.rillflow.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.Accessor;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.HandlerModel;
import io.rillflow.processor.model.HandlerModel.Shape;
import io.rillflow.processor.model.IdKind;
import io.rillflow.processor.model.ProjectionModel;
import io.rillflow.processor.model.ProjectionModel.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @ReadModel} document, its {@code @Apply} handlers and where each event's
 * document id comes from into a {@link ProjectionModel}, or reports every problem found, each on
 * the narrowest element. The class's shape as a document (concrete, reachable, with an id) is the
 * document reader's to check.
 */
public final class ProjectionReader {
  static final String READ_MODEL = "io.rillflow.annotations.ReadModel";
  private static final int MAX_NAME_LENGTH = 200;

  private final Diagnostics diagnostics;
  private final Elements elements;
  private final Types types;
  private final HandlerReader handlers;
  /** The document model of a type read in this compilation, if it was read without errors. */
  private final Function<TypeElement, Optional<DocumentModel>> documents;

  public ProjectionReader(Diagnostics diagnostics, Elements elements, Types types, HandlerReader handlers,
      Function<TypeElement, Optional<DocumentModel>> documents) {
    this.diagnostics = diagnostics;
    this.elements = elements;
    this.types = types;
    this.handlers = handlers;
    this.documents = documents;
  }

  /** The model of {@code element}, or empty after reporting every problem found on it. */
  public Optional<ProjectionModel> read(Element element) {
    AnnotationMirror readModel = Annotations.find(element, READ_MODEL).orElseThrow();
    if ((element.getKind() != ElementKind.CLASS && element.getKind() != ElementKind.RECORD)
        || Annotations.find(element, AggregateReader.DOCUMENT).isEmpty()) {
      diagnostics.error(element, readModel, Message.READ_MODEL_NOT_A_DOCUMENT, element.getSimpleName());
      return Optional.empty();
    }
    TypeElement type = (TypeElement) element;
    boolean valid = true;
    String name = Annotations.stringValue(readModel, "name");
    if (Annotations.value(readModel, "name").isEmpty()) {
      name = kebabCase(type.getSimpleName().toString());
    } else if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      diagnostics.error(type, readModel, Annotations.value(readModel, "name").orElseThrow(), Message.READ_MODEL_NAME,
          type.getSimpleName(), name);
      valid = false;
    }
    String lifecycle = Annotations.value(readModel, "lifecycle")
        .map(v -> ((VariableElement) v.getValue()).getSimpleName().toString()).orElse("ASYNC");
    if (lifecycle.equals("LIVE")) {
      diagnostics.error(type, readModel, Annotations.value(readModel, "lifecycle").orElseThrow(), Message.READ_MODEL_LIVE,
          type.getSimpleName());
      valid = false;
    }
    // Empty when the document itself has errors: those are reported, and the id checks wait for a fix.
    Optional<DocumentModel> document = documents.apply(type);
    String generated = String.join("_", ClassName.get(type).simpleNames()) + "_Projection";
    List<HandlerModel> read = new ArrayList<>();
    Map<String, Route> routes = new LinkedHashMap<>();
    Map<String, HandlerModel> routedBy = new LinkedHashMap<>();
    Map<String, HandlerModel> creators = new LinkedHashMap<>();
    Map<String, HandlerModel> evolvers = new LinkedHashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Optional<AnnotationMirror> apply = Annotations.find(method, HandlerReader.APPLY);
      if (apply.isEmpty()) {
        continue;
      }
      Optional<HandlerModel> handler = handlers.read(type, method, generated);
      if (handler.isEmpty()) {
        valid = false;
        continue;
      }
      HandlerModel model = handler.get();
      Map<String, HandlerModel> sameKind = model.shape() == Shape.CREATE ? creators : evolvers;
      HandlerModel earlier = sameKind.putIfAbsent(model.eventName(), model);
      if (earlier != null) {
        diagnostics.error(method, Message.READ_MODEL_APPLY_TWICE, HandlerReader.describe(type, earlier.element()),
            HandlerReader.describe(type, method), model.eventName(),
            model.shape() == Shape.CREATE ? "as static handlers" : "as instance handlers");
        valid = false;
        continue;
      }
      read.add(model);
      if (document.isEmpty()) {
        continue;
      }
      Optional<Route> route = route(type, method, apply.get(), model, document.get());
      if (route.isEmpty()) {
        valid = false;
        continue;
      }
      Route other = routes.putIfAbsent(model.eventName(), route.get());
      if (other != null && !other.memberName().equals(route.get().memberName())) {
        diagnostics.error(method, apply.get(), Message.READ_MODEL_ROUTES_DIFFER,
            HandlerReader.describe(type, routedBy.get(model.eventName()).element()), HandlerReader.describe(type, method),
            model.eventName(), describeRoute(other), describeRoute(route.get()));
        valid = false;
      }
      routedBy.putIfAbsent(model.eventName(), model);
    }
    if (read.isEmpty() && valid) {
      diagnostics.error(type, readModel, Message.READ_MODEL_NO_HANDLERS, type.getSimpleName());
      valid = false;
    }
    if (!valid || document.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ProjectionModel(type, ClassName.get(type), name, lifecycle, document.get().idKind(),
        document.get().id().mutator(), HandlerReader.instantiable(type), List.copyOf(read), List.copyOf(routes.values())));
  }

  /** Where the handler's event keeps the document's id, checked against the document's id type. */
  private Optional<Route> route(TypeElement type, ExecutableElement method, AnnotationMirror apply, HandlerModel handler,
      DocumentModel document) {
    String handlerName = HandlerReader.describe(type, method);
    String member = Annotations.stringValue(apply, "id");
    IdKind idKind = document.idKind();
    if (member.isEmpty()) {
      if (idKind != IdKind.STRING && idKind != IdKind.UUID) {
        diagnostics.error(method, apply, Message.READ_MODEL_STREAM_ID, handlerName, type.getSimpleName(),
            TypeName.get(document.id().type()));
        return Optional.empty();
      }
      return Optional.of(new Route(handler.eventName(), handler.event(), Optional.empty(), "", false, false));
    }
    AnnotationValue value = Annotations.value(apply, "id").orElseThrow();
    TypeElement event = (TypeElement) ((DeclaredType) method.getParameters().get(0).asType()).asElement();
    List<Properties.Found> members = Properties.of(event);
    Optional<Properties.Found> found = members.stream().filter(m -> m.name().equals(member)).findFirst();
    if (found.isEmpty()) {
      String hint = NearestName.among(member, members.stream().map(Properties.Found::name).toList())
          .map(nearest -> "; did you mean \"" + nearest + "\"?").orElse("");
      diagnostics.error(method, apply, value, Message.APPLY_ID_UNKNOWN_MEMBER, handlerName, member,
          event.getSimpleName(), hint);
      return Optional.empty();
    }
    Properties.Found property = found.get();
    if (property.accessor().isEmpty() || !readable(type, event, property.accessor().get(), property.element())) {
      diagnostics.error(method, apply, value, Message.APPLY_ID_NOT_READABLE, handlerName, event.getSimpleName(), member,
          String.join("_", ClassName.get(type).simpleNames()) + "_Projection");
      return Optional.empty();
    }
    TypeName memberType = TypeName.get(property.type());
    boolean many = false;
    if (IdKind.of(memberType).filter(kind -> kind == idKind).isEmpty()) {
      Optional<TypeMirror> element = collectionElement(property.type());
      many = element.flatMap(e -> IdKind.of(TypeName.get(e))).filter(kind -> kind == idKind).isPresent();
      if (!many) {
        diagnostics.error(method, apply, value, Message.APPLY_ID_TYPE, handlerName, event.getSimpleName(), member,
            memberType, type.getSimpleName(), TypeName.get(document.id().type()));
        return Optional.empty();
      }
    }
    if (many && handler.shape() == Shape.CREATE) {
      diagnostics.error(method, apply, value, Message.READ_MODEL_FAN_OUT_STATIC, handlerName, event.getSimpleName(),
          member);
      return Optional.empty();
    }
    if (many && (!HandlerReader.instantiable(type) || document.id().mutator().isEmpty())) {
      diagnostics.error(method, apply, value, Message.READ_MODEL_FAN_OUT_NEW, handlerName, event.getSimpleName(), member,
          type.getSimpleName());
      return Optional.empty();
    }
    return Optional.of(new Route(handler.eventName(), handler.event(), property.accessor(), member,
        memberType.isPrimitive(), many));
  }

  /** The element type of a {@code Collection<E>} (or {@code Collection<? extends E>}), if the type is one. */
  private Optional<TypeMirror> collectionElement(TypeMirror type) {
    TypeElement collection = elements.getTypeElement("java.util.Collection");
    if (type.getKind() != TypeKind.DECLARED
        || !types.isAssignable(types.erasure(type), types.erasure(collection.asType()))) {
      return Optional.empty();
    }
    for (TypeMirror supertype : supertypesOf(type)) {
      if (types.isSameType(types.erasure(supertype), types.erasure(collection.asType()))) {
        List<? extends TypeMirror> arguments = ((DeclaredType) supertype).getTypeArguments();
        if (arguments.size() != 1) {
          return Optional.empty();
        }
        TypeMirror argument = arguments.get(0);
        if (argument.getKind() == TypeKind.WILDCARD) {
          return Optional.ofNullable(((WildcardType) argument).getExtendsBound());
        }
        return Optional.of(argument);
      }
    }
    return Optional.empty();
  }

  /** The type and every supertype of it, with their type arguments as the type binds them. */
  private List<TypeMirror> supertypesOf(TypeMirror type) {
    List<TypeMirror> all = new ArrayList<>();
    List<TypeMirror> pending = new ArrayList<>(List.of(type));
    while (!pending.isEmpty()) {
      TypeMirror next = pending.remove(0);
      all.add(next);
      pending.addAll(types.directSupertypes(next));
    }
    return all;
  }

  /** Whether code in {@code reader}'s package can read the member through {@code accessor}. */
  private boolean readable(TypeElement reader, TypeElement event, Accessor accessor, Element field) {
    if (packageOf(reader).equals(packageOf(event))) {
      return true;
    }
    if (!accessor.method()) {
      return field.getModifiers().contains(Modifier.PUBLIC);
    }
    return ElementFilter.methodsIn(elements.getAllMembers(event)).stream()
        .anyMatch(m -> m.getSimpleName().contentEquals(accessor.name()) && m.getParameters().isEmpty()
            && m.getModifiers().contains(Modifier.PUBLIC));
  }

  private String packageOf(TypeElement type) {
    PackageElement pkg = elements.getPackageOf(type);
    return pkg.getQualifiedName().toString();
  }

  private static String describeRoute(Route route) {
    return route.member().isEmpty() ? "the stream id" : "member " + route.memberName();
  }

  /** {@code CustomerTotals} → {@code customer-totals}; {@code HTTPStats} → {@code http-stats}. */
  static String kebabCase(String simpleName) {
    return simpleName.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
        .toLowerCase(Locale.ROOT);
  }
}
