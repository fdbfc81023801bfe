package io.rillflow.processor.query;

import io.rillflow.processor.Message;
import io.rillflow.processor.model.PathModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code @Query} predicates:
 *
 * <pre>
 * expr       := and ('or' and)*
 * and        := unary ('and' unary)*
 * unary      := 'not' unary | '(' expr ')' | comparison
 * comparison := path (('=' | '!=' | '<>' | '<' | '<=' | '>' | '>=' | 'like' | 'ilike' | 'contains') value
 *             | ['not'] 'in' value | 'is' ['not'] 'null' | 'between' value 'and' value)?
 * value      := ':'name | 'string' | number | true | false
 * </pre>
 *
 * A bare path is a boolean test ({@code not archived}). Keywords are case-insensitive.
 */
final class QueryLanguageParser {
  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "null", "between", "like",
      "ilike", "contains", "true", "false");

  private final PathNames paths;
  private final String documentName;
  private final Map<String, Integer> parameters;
  private List<QueryToken> tokens = List.of();
  private final List<Integer> used = new ArrayList<>();
  private int position;
  /** The text being parsed, shown under a syntax error with a caret at its column. */
  private String source = "";

  QueryLanguageParser(PathNames paths, String documentName, Map<String, Integer> parameters) {
    this.paths = paths;
    this.documentName = documentName;
    this.parameters = parameters;
  }

  /** Indexes of the parameters the query names, in order of use. */
  List<Integer> usedParameters() {
    return used;
  }

  Predicate parse(String text) throws QueryFailure {
    source = text;
    tokens = QueryTokenizer.tokens(text);
    Predicate predicate = or();
    QueryToken end = peek();
    if (end.kind() != QueryToken.Kind.END) {
      throw syntax(end.column(), Message.QUERY_SYNTAX_TRAILING, end.text());
    }
    return predicate;
  }

  /** {@code email desc, address.city}: the paths and directions of an {@code orderBy}. */
  List<QueryMethod.Order> orders(String text) throws QueryFailure {
    source = text;
    List<QueryMethod.Order> orders = new ArrayList<>();
    int column = 1;
    for (String part : text.split(",", -1)) {
      String trimmed = part.trim();
      String[] words = trimmed.split("\\s+");
      int at = column + part.indexOf(trimmed);
      if (trimmed.isEmpty() || words.length > 2
          || (words.length == 2 && !words[1].equalsIgnoreCase("asc") && !words[1].equalsIgnoreCase("desc"))) {
        throw syntax(at, Message.QUERY_SYNTAX_ORDER, trimmed);
      }
      PathModel path = paths.dotted(words[0]).orElseThrow(() -> new QueryFailure(Message.QUERY_UNKNOWN_PATH_AT,
          documentName, words[0], paths.suggestion(words[0]), at));
      orders.add(new QueryMethod.Order(path, words.length == 2 && words[1].equalsIgnoreCase("desc")));
      column += part.length() + 1;
    }
    return orders;
  }

  private Predicate or() throws QueryFailure {
    List<Predicate> parts = new ArrayList<>(List.of(and()));
    while (peek().is("or")) {
      position++;
      parts.add(and());
    }
    return parts.size() == 1 ? parts.get(0) : new Predicate.Junction(false, parts);
  }

  private Predicate and() throws QueryFailure {
    List<Predicate> parts = new ArrayList<>(List.of(unary()));
    while (peek().is("and")) {
      position++;
      parts.add(unary());
    }
    return parts.size() == 1 ? parts.get(0) : new Predicate.Junction(true, parts);
  }

  private Predicate unary() throws QueryFailure {
    QueryToken token = peek();
    if (token.is("not")) {
      position++;
      return new Predicate.Not(unary());
    }
    if (token.text().equals("(")) {
      position++;
      Predicate inner = or();
      expectSymbol(")");
      return inner;
    }
    return comparison();
  }

  private Predicate comparison() throws QueryFailure {
    QueryToken pathToken = next();
    if (pathToken.kind() != QueryToken.Kind.WORD || KEYWORDS.contains(pathToken.text().toLowerCase(Locale.ROOT))) {
      throw syntax(pathToken.column(), Message.QUERY_SYNTAX_PATH, pathToken.text());
    }
    PathModel path = paths.dotted(pathToken.text()).orElseThrow(() -> new QueryFailure(Message.QUERY_UNKNOWN_PATH_AT,
        documentName, pathToken.text(), paths.suggestion(pathToken.text()), pathToken.column()));
    QueryToken operator = peek();
    QueryOperator op;
    boolean ignoreCase = false;
    switch (operator.text().toLowerCase(Locale.ROOT)) {
      case "=" -> op = QueryOperator.EQ;
      case "!=", "<>" -> op = QueryOperator.NE;
      case "<" -> op = QueryOperator.LT;
      case "<=" -> op = QueryOperator.LE;
      case ">" -> op = QueryOperator.GT;
      case ">=" -> op = QueryOperator.GE;
      case "like" -> op = QueryOperator.LIKE;
      case "ilike" -> {
        op = QueryOperator.LIKE;
        ignoreCase = true;
      }
      case "contains" -> op = QueryOperator.CONTAINING;
      case "in" -> op = QueryOperator.IN;
      case "between" -> op = QueryOperator.BETWEEN;
      case "is" -> {
        position++;
        boolean not = peek().is("not");
        if (not) {
          position++;
        }
        QueryToken nullToken = next();
        if (!nullToken.is("null")) {
          throw syntax(nullToken.column(), Message.QUERY_SYNTAX_NULL, not ? "is not" : "is", nullToken.text());
        }
        return new Predicate.Criterion(path, not ? QueryOperator.IS_NOT_NULL : QueryOperator.IS_NULL, false, List.of());
      }
      case "not" -> {
        position++;
        QueryToken in = next();
        if (!in.is("in")) {
          throw syntax(in.column(), Message.QUERY_SYNTAX_NOT_IN, in.text());
        }
        return new Predicate.Criterion(path, QueryOperator.NOT_IN, false, List.of(value()));
      }
      default -> {
        // A bare path: a boolean that must be true.
        return new Predicate.Criterion(path, QueryOperator.TRUE, false, List.of());
      }
    }
    position++;
    if (op == QueryOperator.BETWEEN) {
      Argument low = value();
      QueryToken and = next();
      if (!and.is("and")) {
        throw syntax(and.column(), Message.QUERY_SYNTAX_BETWEEN, and.text());
      }
      return new Predicate.Criterion(path, op, false, List.of(low, value()));
    }
    return new Predicate.Criterion(path, op, ignoreCase, List.of(value()));
  }

  private Argument value() throws QueryFailure {
    QueryToken token = next();
    switch (token.kind()) {
      case PARAMETER -> {
        Integer index = parameters.get(token.text());
        if (index == null) {
          throw new QueryFailure(Message.QUERY_UNKNOWN_PARAMETER, token.text(), parameters.keySet(), token.column());
        }
        used.add(index);
        return new Argument.Parameter(index);
      }
      case STRING -> {
        return new Argument.Literal(token.text());
      }
      case NUMBER -> {
        try {
          return new Argument.Literal(new BigDecimal(token.text()));
        } catch (NumberFormatException e) {
          throw syntax(token.column(), Message.QUERY_SYNTAX_NUMBER, token.text());
        }
      }
      default -> {
        if (token.is("true") || token.is("false")) {
          return new Argument.Literal(Boolean.valueOf(token.text().toLowerCase(Locale.ROOT)));
        }
        throw syntax(token.column(), Message.QUERY_SYNTAX_VALUE, token.kind() == QueryToken.Kind.END ? "the end" : token.text());
      }
    }
  }

  private void expectSymbol(String symbol) throws QueryFailure {
    QueryToken token = next();
    if (!token.text().equals(symbol)) {
      throw syntax(token.column(), Message.QUERY_SYNTAX_SYMBOL, symbol, token.kind() == QueryToken.Kind.END ? "the end" : token.text());
    }
  }

  private QueryToken peek() {
    return tokens.get(position);
  }

  private QueryToken next() {
    QueryToken token = tokens.get(position);
    if (token.kind() != QueryToken.Kind.END) {
      position++;
    }
    return token;
  }

  private QueryFailure syntax(int column, Message message, Object... detail) {
    return QueryFailure.syntax(source, column, message, detail);
  }
}
