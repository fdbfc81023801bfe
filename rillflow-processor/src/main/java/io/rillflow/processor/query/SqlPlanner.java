package io.rillflow.processor.query;

import com.palantir.javapoet.CodeBlock;
import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.PathModel;
import io.rillflow.processor.model.PathModel.PathKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.VariableElement;

/**
 * Plans a checked query method's SQL. The rules match the runtime's dynamic queries: a duplicated
 * column is compared directly (using its index); equality and collection containment on JSON use
 * {@code data @> ?::jsonb}, which a GIN index serves; other comparisons cast the JSON text to the
 * value's type. Every value is a bound parameter.
 */
public final class SqlPlanner {
  static final String TABLE = "{{table}}";

  private final DocumentModel document;

  public SqlPlanner(DocumentModel document) {
    this.document = document;
  }

  public PlannedQuery plan(QueryMethod query) {
    List<CodeBlock> binds = new ArrayList<>();
    Map<String, List<String>> paths = new LinkedHashMap<>();
    StringBuilder condition = new StringBuilder();
    if (query.predicate() != null) {
      write(query.predicate(), query, condition, binds, paths, true);
    }
    String where = where(condition.toString());
    String sql = switch (query.subject()) {
      case COUNT -> "SELECT count(*) FROM " + TABLE + where;
      case EXISTS -> "SELECT count(*) FROM (SELECT 1 FROM " + TABLE + where + " LIMIT 1) x";
      case DELETE -> document.softDelete()
          ? "UPDATE " + TABLE + " SET deleted_at = now()" + where
          : "DELETE FROM " + TABLE + where;
      case FIND -> "SELECT " + selected(query) + " FROM " + TABLE + where + orderBy(query.orders());
    };
    String countSql = query.result() == QueryMethod.Result.PAGE ? "SELECT count(*) FROM " + TABLE + where : null;
    return new PlannedQuery(sql, countSql, binds, paths);
  }

  private String where(String condition) {
    String live = document.softDelete() ? "deleted_at IS NULL" : "";
    if (condition.isEmpty()) {
      return live.isEmpty() ? "" : " WHERE " + live;
    }
    return " WHERE " + (live.isEmpty() ? condition : live + " AND (" + condition + ")");
  }

  private String selected(QueryMethod query) {
    if (query.projection() == null) {
      return "data";
    }
    StringBuilder object = new StringBuilder("jsonb_build_object(");
    var components = query.projection().getRecordComponents();
    for (int i = 0; i < components.size(); i++) {
      object.append(i == 0 ? "" : ", ").append('\'').append(components.get(i).getSimpleName()).append("', data #> ")
          .append(literal(query.projectionPaths().get(i).segments()));
    }
    return object.append(')').toString();
  }

  private static String orderBy(List<QueryMethod.Order> orders) {
    if (orders.isEmpty()) {
      return "";
    }
    StringBuilder sql = new StringBuilder(" ORDER BY ");
    for (int i = 0; i < orders.size(); i++) {
      PathModel path = orders.get(i).path();
      // A lower-case column would sort regardless of case; sort by the JSON value instead.
      String expression = path.column() != null && !path.lowercase() ? quote(path.column()) : typed(path);
      sql.append(i == 0 ? "" : ", ").append(expression).append(orders.get(i).descending() ? " DESC" : " ASC");
    }
    return sql.toString();
  }

  private void write(Predicate predicate, QueryMethod query, StringBuilder sql, List<CodeBlock> binds,
      Map<String, List<String>> paths, boolean top) {
    if (predicate instanceof Predicate.Junction junction) {
      sql.append(top ? "" : "(");
      for (int i = 0; i < junction.parts().size(); i++) {
        sql.append(i == 0 ? "" : junction.and() ? " AND " : " OR ");
        write(junction.parts().get(i), query, sql, binds, paths, false);
      }
      sql.append(top ? "" : ")");
    } else if (predicate instanceof Predicate.Not not) {
      sql.append("NOT (");
      write(not.negated(), query, sql, binds, paths, true);
      sql.append(')');
    } else {
      criterion((Predicate.Criterion) predicate, query, sql, binds, paths);
    }
  }

  private void criterion(Predicate.Criterion c, QueryMethod query, StringBuilder sql, List<CodeBlock> binds,
      Map<String, List<String>> paths) {
    PathModel path = c.path();
    String column = path.column() == null ? null : quote(path.column());
    boolean lowerColumn = column != null && path.lowercase();
    String expression = column != null && !lowerColumn ? column : typed(path);
    List<CodeBlock> values = c.arguments().stream().map(a -> value(a, query)).toList();
    switch (c.operator()) {
      case EQ -> {
        if (c.ignoreCase()) {
          sql.append(lowerColumn ? column : "lower(" + expression + ")").append(" = lower(?)");
          binds.add(bind(values.get(0)));
        } else if (lowerColumn) {
          sql.append("(").append(column).append(" = lower(?) AND ").append(expression).append(" = ?)");
          binds.add(bind(values.get(0)));
          binds.add(bind(values.get(0)));
        } else if (column == null && containable(path)) {
          sql.append("data @> ?::jsonb");
          binds.add(CodeBlock.of(".bindContaining($L, $L)", pathConstant(path, paths), values.get(0)));
        } else {
          sql.append(expression).append(" = ").append(placeholder(c, 0));
          binds.add(bind(values.get(0)));
        }
      }
      case NE -> binary(sql, binds, c.ignoreCase() ? "lower(" + expression + ")" : expression, "<>",
          c.ignoreCase() ? "lower(?)" : placeholder(c, 0), values.get(0));
      case LT -> binary(sql, binds, expression, "<", placeholder(c, 0), values.get(0));
      case LE -> binary(sql, binds, expression, "<=", placeholder(c, 0), values.get(0));
      case GT -> binary(sql, binds, expression, ">", placeholder(c, 0), values.get(0));
      case GE -> binary(sql, binds, expression, ">=", placeholder(c, 0), values.get(0));
      case BETWEEN -> {
        sql.append(expression).append(" BETWEEN ").append(placeholder(c, 0)).append(" AND ").append(placeholder(c, 1));
        binds.add(bind(values.get(0)));
        binds.add(bind(values.get(1)));
      }
      case IN, NOT_IN -> {
        String target = lowerColumn ? typed(path) : expression;
        String test = target + " = ANY (?::" + path.sqlType() + "[])";
        sql.append(c.operator() == QueryOperator.IN ? test : "NOT (" + test + ")");
        binds.add(CodeBlock.of(".bindArray($L, $S)", values.get(0), path.sqlType()));
      }
      case IS_NULL, IS_NOT_NULL -> sql.append(column != null ? column : text(path))
          .append(c.operator() == QueryOperator.IS_NULL ? " IS NULL" : " IS NOT NULL");
      case LIKE, NOT_LIKE -> {
        String not = c.operator() == QueryOperator.NOT_LIKE ? "NOT " : "";
        if (c.ignoreCase() && lowerColumn) {
          sql.append(column).append(' ').append(not).append("LIKE lower(?)");
        } else {
          sql.append(expression).append(' ').append(not).append(c.ignoreCase() ? "ILIKE ?" : "LIKE ?");
        }
        binds.add(bind(values.get(0)));
      }
      case STARTS_WITH -> pattern(sql, binds, c, column, lowerColumn, expression, "", values.get(0), "%", false);
      case ENDS_WITH -> pattern(sql, binds, c, column, lowerColumn, expression, "%", values.get(0), "", false);
      case CONTAINING, NOT_CONTAINING -> {
        boolean not = c.operator() == QueryOperator.NOT_CONTAINING;
        if (path.kind() == PathKind.COLLECTION) {
          sql.append(not ? "NOT (data @> ?::jsonb)" : "data @> ?::jsonb");
          binds.add(CodeBlock.of(".bindContainingAll($L, $T.of($L))", pathConstant(path, paths), List.class, values.get(0)));
        } else {
          pattern(sql, binds, c, column, lowerColumn, expression, "%", values.get(0), "%", not);
        }
      }
      case TRUE, FALSE -> {
        sql.append("data @> ?::jsonb");
        binds.add(CodeBlock.of(".bindContaining($L, $L)", pathConstant(path, paths), c.operator() == QueryOperator.TRUE));
      }
    }
  }

  private static void pattern(StringBuilder sql, List<CodeBlock> binds, Predicate.Criterion c, String column,
      boolean lowerColumn, String expression, String before, CodeBlock value, String after, boolean not) {
    String negation = not ? "NOT " : "";
    if (c.ignoreCase() && lowerColumn) {
      sql.append(column).append(' ').append(negation).append("LIKE lower(?)");
    } else {
      sql.append(expression).append(' ').append(negation).append(c.ignoreCase() ? "ILIKE ?" : "LIKE ?");
    }
    binds.add(CodeBlock.of(".bindPattern($S, $L, $S)", before, value, after));
  }

  /** A string literal compared with a date, time, UUID or number is cast to that type in SQL. */
  private static String placeholder(Predicate.Criterion c, int argument) {
    boolean textLiteral = c.arguments().get(argument) instanceof Argument.Literal literal && literal.value() instanceof String;
    String type = c.path().sqlType();
    return textLiteral && type != null && !type.equals("text") ? "?::" + type : "?";
  }

  private static void binary(StringBuilder sql, List<CodeBlock> binds, String left, String operator, String right,
      CodeBlock value) {
    sql.append(left).append(' ').append(operator).append(' ').append(right);
    binds.add(bind(value));
  }

  private static CodeBlock bind(CodeBlock value) {
    return CodeBlock.of(".bind($L)", value);
  }

  private static CodeBlock value(Argument argument, QueryMethod query) {
    if (argument instanceof Argument.Parameter parameter) {
      VariableElement element = query.method().getParameters().get(parameter.index());
      return CodeBlock.of("$L", element.getSimpleName());
    }
    Object literal = ((Argument.Literal) argument).value();
    if (literal instanceof BigDecimal number) {
      return CodeBlock.of("new $T($S)", BigDecimal.class, number.toPlainString());
    }
    if (literal instanceof Boolean bool) {
      return CodeBlock.of("$L", bool);
    }
    return CodeBlock.of("$S", literal);
  }

  /** The name of a constant holding {@code path}'s segments, declared once per repository. */
  private static CodeBlock pathConstant(PathModel path, Map<String, List<String>> paths) {
    // Segments join with a double underscore, so that makerCity and maker.city stay apart.
    String name = "PATH_" + String.join("__", path.segments().stream()
        .map(s -> s.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT)).toList());
    paths.put(name, path.segments());
    return CodeBlock.of("$L", name);
  }

  private static boolean containable(PathModel path) {
    return !List.of("timestamptz", "timestamp", "date").contains(path.sqlType());
  }

  /** The JSON value as text. */
  private static String text(PathModel path) {
    return "(data #>> " + literal(path.segments()) + ")";
  }

  /** The JSON value cast to the type it compares as. */
  private static String typed(PathModel path) {
    String type = path.sqlType();
    return type == null || type.equals("text") ? text(path) : "(" + text(path) + "::" + type + ")";
  }

  private static String literal(List<String> segments) {
    return "'{" + String.join(",", segments) + "}'";
  }

  private static String quote(String identifier) {
    return "\"" + identifier + "\"";
  }
}
