package io.rillflow.processor.query;

import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.SimpleNames;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.PathModel;
import io.rillflow.processor.model.PathModel.PathKind;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads one repository query method (a derived name or an {@code @Query}) into a checked
 * {@link QueryMethod}: every path exists, every parameter is used and fits the path it is compared
 * with, the operator fits the path's type, and the return type is one the query can produce.
 * Each problem is reported on the method, or on the parameter at fault.
 */
public final class QueryMethodReader {
  private static final String QUERY = "io.rillflow.annotations.Query";
  private static final Set<QueryOperator> IGNORE_CASE_OPERATORS = java.util.EnumSet.of(QueryOperator.EQ, QueryOperator.NE,
      QueryOperator.LIKE, QueryOperator.NOT_LIKE, QueryOperator.STARTS_WITH, QueryOperator.ENDS_WITH,
      QueryOperator.CONTAINING, QueryOperator.NOT_CONTAINING);
  private static final String SORT = "io.rillflow.query.Sort";
  private static final String PAGE_REQUEST = "io.rillflow.query.PageRequest";

  private final Diagnostics diagnostics;
  private final Elements elements;
  private final Types types;
  private final ReturnShapeReader returns;
  private final ArgumentChecker arguments;

  public QueryMethodReader(Diagnostics diagnostics, Elements elements, Types types) {
    this.diagnostics = diagnostics;
    this.elements = elements;
    this.types = types;
    this.returns = new ReturnShapeReader(diagnostics, types);
    this.arguments = new ArgumentChecker(diagnostics, elements, types);
  }

  public Optional<QueryMethod> read(TypeElement repository, ExecutableElement method, DocumentModel document) {
    String signature = signature(repository, method);
    PathNames paths = new PathNames(document.paths());
    String documentName = document.type().simpleName();
    List<? extends VariableElement> parameters = method.getParameters();
    int sortParameter = indexOf(parameters, SORT);
    int pageParameter = indexOf(parameters, PAGE_REQUEST);

    QueryMethod.Subject subject;
    Predicate predicate;
    List<QueryMethod.Order> orders;
    int limit;
    Set<Integer> used = new HashSet<>();
    Optional<AnnotationMirror> query = find(method, QUERY);
    if (query.isPresent()) {
      Map<String, Integer> byName = new LinkedHashMap<>();
      for (int i = 0; i < parameters.size(); i++) {
        if (i != sortParameter && i != pageParameter) {
          byName.put(parameters.get(i).getSimpleName().toString(), i);
        }
      }
      QueryLanguageParser parser = new QueryLanguageParser(paths, documentName, byName);
      AnnotationValue valueAttribute = value(query.get(), "value").orElseThrow();
      String text = (String) valueAttribute.getValue();
      try {
        predicate = text.isBlank() ? null : parser.parse(text);
        String orderBy = value(query.get(), "orderBy").map(v -> (String) v.getValue()).orElse("");
        orders = orderBy.isBlank() ? List.of() : parser.orders(orderBy);
      } catch (QueryFailure failure) {
        diagnostics.error(method, query.get(), valueAttribute, failure.message(), failure.arguments(signature));
        return Optional.empty();
      }
      used.addAll(parser.usedParameters());
      limit = value(query.get(), "limit").map(v -> (Integer) v.getValue()).orElse(-1);
      if (limit == 0 || limit < -1) {
        diagnostics.error(method, query.get(), value(query.get(), "limit").orElseThrow(), Message.QUERY_LIMIT,
            signature, limit);
        return Optional.empty();
      }
      subject = subjectOf(method.getReturnType());
    } else {
      DerivedQueryParser.Derived derived;
      try {
        derived = new DerivedQueryParser(paths, documentName).parse(method.getSimpleName().toString());
      } catch (QueryFailure failure) {
        diagnostics.error(method, failure.message(), failure.arguments(signature));
        return Optional.empty();
      }
      int plain = (int) java.util.stream.IntStream.range(0, parameters.size())
          .filter(i -> i != sortParameter && i != pageParameter).count();
      if (plain < derived.parameters()) {
        diagnostics.error(method, Message.QUERY_TOO_FEW_PARAMETERS, signature, derived.parameters(),
            derived.parameters() == 1 ? "" : "s", plain);
        return Optional.empty();
      }
      for (int i = 0; i < derived.parameters(); i++) {
        if (i == sortParameter || i == pageParameter) {
          diagnostics.error(parameters.get(i), Message.QUERY_CRITERIA_FIRST, signature);
          return Optional.empty();
        }
        used.add(i);
      }
      subject = derived.subject();
      predicate = derived.predicate();
      orders = derived.orders();
      limit = derived.limit();
    }

    boolean valid = true;
    for (int i = 0; i < parameters.size(); i++) {
      if (!used.contains(i) && i != sortParameter && i != pageParameter) {
        diagnostics.error(parameters.get(i), Message.QUERY_UNUSED_PARAMETER, signature, parameters.get(i).getSimpleName());
        valid = false;
      }
    }
    if (predicate != null) {
      valid &= check(predicate, method, signature);
    }
    ReturnShapeReader.ReturnShape shape = returns.read(method, subject, document, signature, pageParameter);
    if (shape == null || !valid) {
      return Optional.empty();
    }
    return Optional.of(new QueryMethod(method, subject, predicate, orders, limit, shape.result(), shape.projection(),
        shape.projectionPaths(), sortParameter, pageParameter));
  }

  /** With {@code @Query}, the return type says what the query does. */
  private QueryMethod.Subject subjectOf(TypeMirror returnType) {
    String name = returnType.toString();
    if (returnType.getKind() == TypeKind.BOOLEAN || name.equals("java.lang.Boolean")) {
      return QueryMethod.Subject.EXISTS;
    }
    if (returnType.getKind() == TypeKind.LONG || returnType.getKind() == TypeKind.INT
        || name.equals("java.lang.Long") || name.equals("java.lang.Integer")) {
      return QueryMethod.Subject.COUNT;
    }
    return QueryMethod.Subject.FIND;
  }

  // ---- criteria ----

  private boolean check(Predicate predicate, ExecutableElement method, String signature) {
    if (predicate instanceof Predicate.Junction junction) {
      boolean valid = true;
      for (Predicate part : junction.parts()) {
        valid &= check(part, method, signature);
      }
      return valid;
    }
    if (predicate instanceof Predicate.Not not) {
      return check(not.negated(), method, signature);
    }
    Predicate.Criterion criterion = (Predicate.Criterion) predicate;
    PathModel path = criterion.path();
    QueryOperator operator = criterion.operator();
    String allowed = allowedKinds(operator, path);
    if (allowed != null) {
      diagnostics.error(method, Message.QUERY_OPERATOR_TYPE, signature, operator.describe(), path.dotted(),
          withArticle(describe(path)), allowed);
      return false;
    }
    if (criterion.ignoreCase() && !IGNORE_CASE_OPERATORS.contains(operator)) {
      diagnostics.error(method, Message.QUERY_IGNORE_CASE_OPERATOR, signature, operator.describe(), path.dotted());
      return false;
    }
    if (criterion.ignoreCase() && path.kind() != PathKind.STRING) {
      diagnostics.error(method, Message.QUERY_IGNORE_CASE_TYPE, signature, path.dotted(), withArticle(describe(path)));
      return false;
    }
    boolean valid = true;
    for (Argument argument : criterion.arguments()) {
      valid &= arguments.check(argument, criterion, method, signature);
    }
    return valid;
  }

  /** {@code null} when {@code operator} fits the path; else the kinds of value it fits. */
  private static String allowedKinds(QueryOperator operator, PathModel path) {
    PathKind kind = path.kind();
    return switch (operator) {
      case IS_NULL, IS_NOT_NULL -> null;
      case LIKE, NOT_LIKE, STARTS_WITH, ENDS_WITH -> kind == PathKind.STRING ? null : "strings";
      case CONTAINING, NOT_CONTAINING -> kind == PathKind.STRING || kind == PathKind.COLLECTION ? null : "strings and collections";
      case TRUE, FALSE -> kind == PathKind.BOOLEAN ? null : "booleans";
      case LT, LE, GT, GE, BETWEEN -> kind == PathKind.STRING || kind == PathKind.COMPARABLE ? null
          : "numbers, dates and times, strings, UUIDs and enums";
      case EQ, NE, IN, NOT_IN -> kind == PathKind.STRING || kind == PathKind.COMPARABLE || kind == PathKind.BOOLEAN ? null
          : "strings, numbers, booleans, dates and times, UUIDs and enums";
    };
  }

  private static String describe(PathModel path) {
    return switch (path.kind()) {
      case STRING -> "String";
      case BOOLEAN -> "boolean";
      case COLLECTION -> "collection of " + SimpleNames.of(path.valueType());
      case OBJECT -> "nested object";
      default -> SimpleNames.of(path.type());
    };
  }

  /** {@code an Integer}, {@code a String}. */
  static String withArticle(String noun) {
    return ("AEIOUaeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private static String simple(TypeMirror type) {
    return SimpleNames.of(type);
  }

  private static int indexOf(List<? extends VariableElement> parameters, String type) {
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i).asType().toString().equals(type)) {
        return i;
      }
    }
    return -1;
  }

  private static Optional<AnnotationMirror> find(Element element, String name) {
    return element.getAnnotationMirrors().stream()
        .filter(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(name))
        .map(m -> (AnnotationMirror) m)
        .findFirst();
  }

  private static Optional<AnnotationValue> value(AnnotationMirror mirror, String name) {
    return mirror.getElementValues().entrySet().stream()
        .filter(e -> e.getKey().getSimpleName().contentEquals(name))
        .map(e -> (AnnotationValue) e.getValue())
        .findFirst();
  }

  /** {@code BookRepository.findByTitle(String title)}, as micronaut-data names a method in its errors. */
  public static String signature(TypeElement owner, ExecutableElement method) {
    StringBuilder text = new StringBuilder(owner.getSimpleName()).append('.').append(method.getSimpleName()).append('(');
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement parameter = method.getParameters().get(i);
      text.append(i == 0 ? "" : ", ").append(simple(parameter.asType())).append(' ').append(parameter.getSimpleName());
    }
    return text.append(')').toString();
  }
}
