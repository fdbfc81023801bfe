package io.rillflow.processor.query;

import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.SimpleNames;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.PathModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Reads what a query method returns and checks it fits what the query does: a count returns a
 * number, an exists a boolean, a delete nothing or a number, a find the document or a projection
 * record (each component a path of the document, of the path's type), alone, optional, or in a
 * List, Stream or Page.
 */
final class ReturnShapeReader {
  private final Diagnostics diagnostics;
  private final Types types;

  ReturnShapeReader(Diagnostics diagnostics, Types types) {
    this.diagnostics = diagnostics;
    this.types = types;
  }

  /** What a method returns: how results come back, and the projection record read instead of the document. */
  record ReturnShape(QueryMethod.Result result, TypeElement projection, List<PathModel> projectionPaths) {}

  /** The method's return shape, or {@code null} after reporting why it cannot return that. */
  ReturnShape read(ExecutableElement method, QueryMethod.Subject subject, DocumentModel document,
      String signature, int pageParameter) {
    TypeMirror type = method.getReturnType();
    String shown = simple(type);
    switch (subject) {
      case COUNT -> {
        if (type.getKind() == TypeKind.LONG || type.toString().equals("java.lang.Long")) {
          return new ReturnShape(QueryMethod.Result.LONG, null, List.of());
        }
        if (type.getKind() == TypeKind.INT || type.toString().equals("java.lang.Integer")) {
          return new ReturnShape(QueryMethod.Result.INT, null, List.of());
        }
        diagnostics.error(method, Message.QUERY_RETURN_COUNT, signature, shown);
        return null;
      }
      case EXISTS -> {
        if (type.getKind() == TypeKind.BOOLEAN || type.toString().equals("java.lang.Boolean")) {
          return new ReturnShape(QueryMethod.Result.BOOLEAN, null, List.of());
        }
        diagnostics.error(method, Message.QUERY_RETURN_EXISTS, signature, shown);
        return null;
      }
      case DELETE -> {
        if (type.getKind() == TypeKind.VOID) {
          return new ReturnShape(QueryMethod.Result.VOID, null, List.of());
        }
        if (type.getKind() == TypeKind.LONG || type.getKind() == TypeKind.INT) {
          return new ReturnShape(type.getKind() == TypeKind.LONG ? QueryMethod.Result.LONG : QueryMethod.Result.INT, null, List.of());
        }
        diagnostics.error(method, Message.QUERY_RETURN_DELETE, signature, shown);
        return null;
      }
      default -> {
        QueryMethod.Result result = QueryMethod.Result.SINGLE;
        TypeMirror item = type;
        if (type.getKind() == TypeKind.DECLARED && !((DeclaredType) type).getTypeArguments().isEmpty()) {
          String container = types.erasure(type).toString();
          result = switch (container) {
            case "java.util.Optional" -> QueryMethod.Result.OPTIONAL;
            case "java.util.List", "java.util.Collection", "java.lang.Iterable" -> QueryMethod.Result.LIST;
            case "java.util.stream.Stream" -> QueryMethod.Result.STREAM;
            case "io.rillflow.query.Page" -> QueryMethod.Result.PAGE;
            default -> null;
          };
          if (result == null) {
            diagnostics.error(method, Message.QUERY_RETURN_FIND, signature, shown, document.type().simpleName());
            return null;
          }
          item = ((DeclaredType) type).getTypeArguments().get(0);
        }
        if (result == QueryMethod.Result.PAGE && pageParameter < 0) {
          diagnostics.error(method, Message.QUERY_RETURN_PAGE, signature, shown);
          return null;
        }
        if (item.getKind() == TypeKind.DECLARED && types.asElement(item).equals(document.element())) {
          return new ReturnShape(result, null, List.of());
        }
        if (item.getKind() == TypeKind.DECLARED && types.asElement(item).getKind() == ElementKind.RECORD) {
          TypeElement record = (TypeElement) types.asElement(item);
          List<PathModel> paths = projection(record, document, method, signature);
          return paths == null ? null : new ReturnShape(result, record, paths);
        }
        diagnostics.error(method, Message.QUERY_RETURN_FIND, signature, shown, document.type().simpleName());
        return null;
      }
    }
  }

  /** Each component of {@code record} must name a path of the document (or its camel-case nested name) with the same type. */
  private List<PathModel> projection(TypeElement record, DocumentModel document, ExecutableElement method, String signature) {
    PathNames paths = new PathNames(document.paths());
    List<PathModel> found = new ArrayList<>();
    boolean valid = true;
    for (RecordComponentElement component : record.getRecordComponents()) {
      String name = component.getSimpleName().toString();
      Optional<PathModel> path = paths.dotted(name).or(() -> paths.camel(PathNames.capitalize(name)));
      if (path.isEmpty()) {
        diagnostics.error(method, Message.QUERY_PROJECTION_UNKNOWN_PATH, signature, record.getSimpleName(), name,
            document.type().simpleName(), paths.suggestion(name));
        valid = false;
        continue;
      }
      if (!types.isSameType(boxed(component.asType()), boxed(path.get().type()))) {
        diagnostics.error(method, Message.QUERY_PROJECTION_TYPE, signature, record.getSimpleName(), name,
            QueryMethodReader.withArticle(simple(component.asType())), path.get().dotted(), QueryMethodReader.withArticle(simple(path.get().type())));
        valid = false;
        continue;
      }
      found.add(path.get());
    }
    return valid ? found : null;
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
  }

  private static String simple(TypeMirror type) {
    return SimpleNames.of(type);
  }
}
