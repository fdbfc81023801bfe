package io.rillflow.processor.query;

import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.SimpleNames;
import io.rillflow.processor.model.PathModel;
import io.rillflow.processor.model.PathModel.PathKind;
import java.math.BigDecimal;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks each argument of a query method's criteria against the path it is compared with: a parameter's
 * type (or, for {@code IN}, its element type) must be assignable to the path's boxed type, a string for the
 * textual operators, a collection element for {@code CONTAINING} on a collection; a literal of {@code @Query}
 * must be a number for numbers, a string for strings, dates, times and UUIDs, an enum constant's name for
 * enums. Problems are reported on the parameter at fault, or on the method for a literal.
 */
final class ArgumentChecker {
  private final Diagnostics diagnostics;
  private final Elements elements;
  private final Types types;

  ArgumentChecker(Diagnostics diagnostics, Elements elements, Types types) {
    this.diagnostics = diagnostics;
    this.elements = elements;
    this.types = types;
  }

  /**
   * Whether the argument (a parameter or a literal of {@code @Query}) fits what the criterion compares it with;
   * reports the problem on the parameter, or on the method for a literal, when it does not.
   */
  boolean check(Argument argument, Predicate.Criterion criterion, ExecutableElement method, String signature) {
    PathModel path = criterion.path();
    QueryOperator operator = criterion.operator();
    boolean textual = operator == QueryOperator.LIKE || operator == QueryOperator.NOT_LIKE
        || operator == QueryOperator.STARTS_WITH || operator == QueryOperator.ENDS_WITH
        || ((operator == QueryOperator.CONTAINING || operator == QueryOperator.NOT_CONTAINING) && path.kind() == PathKind.STRING);
    boolean element = (operator == QueryOperator.CONTAINING || operator == QueryOperator.NOT_CONTAINING)
        && path.kind() == PathKind.COLLECTION;
    boolean many = operator == QueryOperator.IN || operator == QueryOperator.NOT_IN;
    TypeMirror expected = textual ? elements.getTypeElement("java.lang.String").asType()
        : element ? typeOf(path.valueType().toString()) : boxed(path.type());
    String needs = textual ? "a String" : many ? "a collection or array of " + SimpleNames.of(expected)
        : element ? "an element of type " + SimpleNames.of(expected) : QueryMethodReader.withArticle(SimpleNames.of(expected));

    if (argument instanceof Argument.Literal literal) {
      if (many) {
        diagnostics.error(method, Message.QUERY_LITERAL_COLLECTION, signature, operator.describe(), path.dotted());
        return false;
      }
      return checkLiteral(literal.value(), expected, path, operator, needs, method, signature);
    }
    VariableElement parameter = method.getParameters().get(((Argument.Parameter) argument).index());
    TypeMirror actual = parameter.asType();
    boolean fits;
    if (many) {
      TypeMirror elementType = elementOf(actual);
      fits = elementType != null && assignable(elementType, expected);
    } else {
      fits = assignable(actual, expected);
    }
    if (!fits) {
      diagnostics.error(parameter, Message.QUERY_PARAMETER_TYPE, signature, parameter.getSimpleName(),
          QueryMethodReader.withArticle(SimpleNames.of(actual)), operator.describe(), path.dotted(), needs);
      return false;
    }
    return true;
  }

  private boolean checkLiteral(Object value, TypeMirror expected, PathModel path, QueryOperator operator, String needs,
      ExecutableElement method, String signature) {
    Element type = types.asElement(expected);
    boolean fits;
    String given;
    if (value instanceof String text) {
      given = "the string '" + text + "'";
      if (type != null && type.getKind() == ElementKind.ENUM) {
        fits = ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
            .anyMatch(f -> f.getKind() == ElementKind.ENUM_CONSTANT && f.getSimpleName().contentEquals(text));
        needs = "one of " + ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
            .filter(f -> f.getKind() == ElementKind.ENUM_CONSTANT).map(f -> f.getSimpleName().toString()).toList();
      } else {
        fits = expected.toString().equals("java.lang.String") || isTemporal(expected)
            || expected.toString().equals("java.util.UUID");
      }
    } else if (value instanceof BigDecimal number) {
      given = "the number " + number;
      fits = isNumber(expected);
    } else {
      given = "the boolean " + value;
      fits = expected.toString().equals("java.lang.Boolean");
    }
    if (!fits) {
      diagnostics.error(method, Message.QUERY_LITERAL_TYPE, signature, operator.describe(), path.dotted(), needs, given);
    }
    return fits;
  }

  private boolean assignable(TypeMirror actual, TypeMirror expected) {
    return types.isAssignable(boxed(actual), expected) || types.isAssignable(actual, expected)
        || types.isSameType(boxed(actual), boxed(expected));
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType() : type;
  }

  /** The element type of a collection or array parameter, or {@code null}. */
  private TypeMirror elementOf(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return ((ArrayType) type).getComponentType();
    }
    TypeMirror collection = types.erasure(elements.getTypeElement("java.util.Collection").asType());
    if (type.getKind() == TypeKind.DECLARED && types.isAssignable(types.erasure(type), collection)) {
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      if (arguments.size() == 1) {
        TypeMirror argument = arguments.get(0);
        if (argument.getKind() == TypeKind.WILDCARD) {
          TypeMirror bound = ((javax.lang.model.type.WildcardType) argument).getExtendsBound();
          return bound;
        }
        return argument;
      }
    }
    return null;
  }

  private TypeMirror typeOf(String qualifiedName) {
    return elements.getTypeElement(qualifiedName).asType();
  }

  private boolean isNumber(TypeMirror type) {
    TypeMirror number = elements.getTypeElement("java.lang.Number").asType();
    return types.isAssignable(boxed(type), number);
  }

  private static boolean isTemporal(TypeMirror type) {
    return type.toString().startsWith("java.time.");
  }
}
