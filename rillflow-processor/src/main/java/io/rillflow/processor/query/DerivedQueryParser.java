package io.rillflow.processor.query;

import io.rillflow.processor.Message;
import io.rillflow.processor.model.PathModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a method name in Spring Data's vocabulary into a query:
 * {@code <verb>[All|First<N>|Top<N>]By<criteria>[OrderBy<path>[Asc|Desc]...]}, criteria joined by
 * {@code And}/{@code Or}, each a path ({@code AuthorCountry} for {@code author.country}) with an
 * optional operator suffix and {@code IgnoreCase}. Parameters are taken in order.
 */
final class DerivedQueryParser {

  /** What the name says. */
  record Derived(QueryMethod.Subject subject, int limit, Predicate predicate, List<QueryMethod.Order> orders, int parameters) {}

  private static final Pattern SUBJECT = Pattern.compile(
      "^(find|read|get|query|search|stream|count|exists|delete|remove)(All|Distinct)?(?:(First|Top)(\\d*))?(.*)$");
  /** Operator suffixes, longest first so that "LessThanEqual" wins over "LessThan". */
  private static final List<Suffix> SUFFIXES = List.of(
      new Suffix("IsGreaterThanEqual", QueryOperator.GE), new Suffix("GreaterThanEqual", QueryOperator.GE),
      new Suffix("IsLessThanEqual", QueryOperator.LE), new Suffix("LessThanEqual", QueryOperator.LE),
      new Suffix("IsNotContaining", QueryOperator.NOT_CONTAINING), new Suffix("NotContaining", QueryOperator.NOT_CONTAINING),
      new Suffix("IsStartingWith", QueryOperator.STARTS_WITH), new Suffix("StartingWith", QueryOperator.STARTS_WITH),
      new Suffix("IsGreaterThan", QueryOperator.GT), new Suffix("GreaterThan", QueryOperator.GT),
      new Suffix("IsEndingWith", QueryOperator.ENDS_WITH), new Suffix("EndingWith", QueryOperator.ENDS_WITH),
      new Suffix("IsContaining", QueryOperator.CONTAINING), new Suffix("Containing", QueryOperator.CONTAINING),
      new Suffix("IsLessThan", QueryOperator.LT), new Suffix("LessThan", QueryOperator.LT),
      new Suffix("IsNotNull", QueryOperator.IS_NOT_NULL), new Suffix("NotNull", QueryOperator.IS_NOT_NULL),
      new Suffix("IsBetween", QueryOperator.BETWEEN), new Suffix("Between", QueryOperator.BETWEEN),
      new Suffix("StartsWith", QueryOperator.STARTS_WITH), new Suffix("EndsWith", QueryOperator.ENDS_WITH),
      new Suffix("IsNotLike", QueryOperator.NOT_LIKE), new Suffix("NotLike", QueryOperator.NOT_LIKE),
      new Suffix("IsBefore", QueryOperator.LT), new Suffix("Before", QueryOperator.LT),
      new Suffix("IsAfter", QueryOperator.GT), new Suffix("After", QueryOperator.GT),
      new Suffix("IsNotIn", QueryOperator.NOT_IN), new Suffix("NotIn", QueryOperator.NOT_IN),
      new Suffix("Contains", QueryOperator.CONTAINING),
      new Suffix("IsFalse", QueryOperator.FALSE), new Suffix("False", QueryOperator.FALSE),
      new Suffix("IsTrue", QueryOperator.TRUE), new Suffix("True", QueryOperator.TRUE),
      new Suffix("IsNull", QueryOperator.IS_NULL), new Suffix("Null", QueryOperator.IS_NULL),
      new Suffix("IsLike", QueryOperator.LIKE), new Suffix("Like", QueryOperator.LIKE),
      new Suffix("IsIn", QueryOperator.IN), new Suffix("In", QueryOperator.IN),
      new Suffix("Equals", QueryOperator.EQ), new Suffix("IsNot", QueryOperator.NE), new Suffix("Not", QueryOperator.NE),
      new Suffix("Is", QueryOperator.EQ));

  private record Suffix(String text, QueryOperator operator) {}

  private final PathNames paths;
  private final String documentName;

  DerivedQueryParser(PathNames paths, String documentName) {
    this.paths = paths;
    this.documentName = documentName;
  }

  Derived parse(String name) throws QueryFailure {
    Matcher subject = SUBJECT.matcher(name);
    if (!subject.matches()) {
      throw new QueryFailure(Message.QUERY_NAME_PREFIX);
    }
    QueryMethod.Subject kind = switch (subject.group(1)) {
      case "count" -> QueryMethod.Subject.COUNT;
      case "exists" -> QueryMethod.Subject.EXISTS;
      case "delete", "remove" -> QueryMethod.Subject.DELETE;
      default -> QueryMethod.Subject.FIND;
    };
    int limit;
    try {
      limit = subject.group(3) == null ? -1 : subject.group(4).isEmpty() ? 1 : Integer.parseInt(subject.group(4));
    } catch (NumberFormatException e) {
      throw new QueryFailure(Message.QUERY_NAME_LIMIT_TOO_LARGE, subject.group(3), subject.group(4), Integer.MAX_VALUE);
    }
    if (limit > 0 && (kind == QueryMethod.Subject.DELETE || kind == QueryMethod.Subject.COUNT || kind == QueryMethod.Subject.EXISTS)) {
      throw new QueryFailure(Message.QUERY_NAME_LIMIT_SUBJECT, subject.group(3), subject.group(1));
    }
    if (limit == 0) {
      throw new QueryFailure(Message.QUERY_NAME_LIMIT_ZERO, subject.group(3));
    }
    String rest = subject.group(5);
    String criteria;
    String ordering = "";
    int orderBy = rest.indexOf("OrderBy");
    if (orderBy >= 0) {
      ordering = rest.substring(orderBy + "OrderBy".length());
      rest = rest.substring(0, orderBy);
    }
    if (rest.isEmpty()) {
      criteria = "";
    } else if (rest.startsWith("By")) {
      criteria = rest.substring(2);
    } else {
      throw new QueryFailure(Message.QUERY_NAME_NO_BY, subject.group(1), rest);
    }
    int[] next = {0};
    boolean allIgnoreCase = false;
    for (String suffix : List.of("AllIgnoreCase", "AllIgnoringCase")) {
      if (criteria.endsWith(suffix)) {
        allIgnoreCase = true;
        criteria = criteria.substring(0, criteria.length() - suffix.length());
      }
    }
    Predicate predicate = criteria.isEmpty() ? null : or(criteria, next, allIgnoreCase);
    return new Derived(kind, limit, predicate, orders(ordering), next[0]);
  }

  private Predicate or(String text, int[] next, boolean allIgnoreCase) throws QueryFailure {
    List<Predicate> parts = new ArrayList<>();
    for (String part : split(text, "Or")) {
      parts.add(and(part, next, allIgnoreCase));
    }
    return parts.size() == 1 ? parts.get(0) : new Predicate.Junction(false, parts);
  }

  private Predicate and(String text, int[] next, boolean allIgnoreCase) throws QueryFailure {
    List<Predicate> parts = new ArrayList<>();
    for (String part : split(text, "And")) {
      parts.add(criterion(part, next, allIgnoreCase));
    }
    return parts.size() == 1 ? parts.get(0) : new Predicate.Junction(true, parts);
  }

  private Predicate.Criterion criterion(String text, int[] next, boolean allIgnoreCase) throws QueryFailure {
    if (text.isEmpty()) {
      throw new QueryFailure(Message.QUERY_NAME_EMPTY_CRITERION);
    }
    boolean ignoreCase = false;
    for (String suffix : List.of("IgnoreCase", "IgnoringCase")) {
      if (text.endsWith(suffix)) {
        ignoreCase = true;
        text = text.substring(0, text.length() - suffix.length());
      }
    }
    // Try the whole text as a path first: a member may be named like an operator ("isbn", "in").
    Optional<PathModel> whole = paths.camel(text);
    if (whole.isPresent()) {
      return new Predicate.Criterion(whole.get(), QueryOperator.EQ, ignoreCase || stringIn(allIgnoreCase, whole.get()),
          arguments(QueryOperator.EQ, next));
    }
    for (Suffix suffix : SUFFIXES) {
      if (text.endsWith(suffix.text()) && text.length() > suffix.text().length()) {
        Optional<PathModel> path = paths.camel(text.substring(0, text.length() - suffix.text().length()));
        if (path.isPresent()) {
          return new Predicate.Criterion(path.get(), suffix.operator(), ignoreCase || stringIn(allIgnoreCase, path.get()),
              arguments(suffix.operator(), next));
        }
      }
    }
    throw new QueryFailure(Message.QUERY_UNKNOWN_PATH, documentName, stripOperator(text), paths.suggestion(stripOperator(text)));
  }

  /** AllIgnoreCase applies to the criteria on strings, as in Spring Data. */
  private static boolean stringIn(boolean allIgnoreCase, PathModel path) {
    return allIgnoreCase && path.kind() == PathModel.PathKind.STRING;
  }

  private static List<Argument> arguments(QueryOperator operator, int[] next) {
    List<Argument> arguments = new ArrayList<>();
    for (int i = 0; i < operator.arity(); i++) {
      arguments.add(new Argument.Parameter(next[0]++));
    }
    return arguments;
  }

  private static String stripOperator(String text) {
    for (Suffix suffix : SUFFIXES) {
      if (text.endsWith(suffix.text()) && text.length() > suffix.text().length()) {
        return text.substring(0, text.length() - suffix.text().length());
      }
    }
    return text;
  }

  private List<QueryMethod.Order> orders(String text) throws QueryFailure {
    List<QueryMethod.Order> orders = new ArrayList<>();
    String rest = text;
    while (!rest.isEmpty()) {
      int asc = indexOfDirection(rest, "Asc");
      int desc = indexOfDirection(rest, "Desc");
      int end;
      boolean descending;
      if (asc < 0 && desc < 0) {
        end = rest.length();
        descending = false;
      } else if (desc >= 0 && (asc < 0 || desc < asc)) {
        end = desc;
        descending = true;
      } else {
        end = asc;
        descending = false;
      }
      String pathName = rest.substring(0, end);
      PathModel path = paths.camel(pathName).orElseThrow(() -> new QueryFailure(
          Message.QUERY_UNKNOWN_ORDER_PATH, pathName, documentName, paths.suggestion(pathName)));
      orders.add(new QueryMethod.Order(path, descending));
      rest = end == rest.length() ? "" : rest.substring(end + (descending ? 4 : 3));
    }
    return orders;
  }

  /** Where "Asc"/"Desc" ends a path: followed by the end or by the next path's capital. */
  private static int indexOfDirection(String text, String direction) {
    int from = 0;
    while (true) {
      int at = text.indexOf(direction, from);
      if (at < 0) {
        return -1;
      }
      int after = at + direction.length();
      if (at > 0 && (after == text.length() || Character.isUpperCase(text.charAt(after)))) {
        return at;
      }
      from = at + 1;
    }
  }

  /** Splits at {@code word} where a capital follows it ({@code UserIDAndStatus}). */
  private static List<String> split(String text, String word) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    int from = 0;
    while (true) {
      int at = text.indexOf(word, from);
      if (at < 0) {
        break;
      }
      int after = at + word.length();
      boolean boundary = at > 0 && after < text.length() && Character.isUpperCase(text.charAt(after));
      if (boundary) {
        parts.add(text.substring(start, at));
        start = after;
      }
      from = at + 1;
    }
    parts.add(text.substring(start));
    return parts;
  }
}
