package io.rillflow.sql;

import io.rillflow.sql.Bind.JsonShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules that turn a condition into SQL over a document table's {@code data} and duplicated
 * columns:
 *
 * <ul>
 *   <li>A duplicated column is compared directly, using its index. A lower-cased column holds the
 *       value in lower case, so equality, {@code in} and patterns on it compare regardless of case
 *       (the value is lowered in SQL), whatever {@code ignoreCase} says.
 *   <li>Equality on the JSON uses containment, {@code data @> ?::jsonb}, which a GIN index on
 *       {@code data} serves, for every type whose JSON text is canonical
 *       ({@link SqlTypes#containable}); dates and times are compared as typed values instead.
 *   <li>Other comparisons read the JSON text ({@code data #>> '{a,b}'}) cast to the type the value
 *       compares as; text written in a query is cast to that type too.
 *   <li>Collections are matched by their elements: containment for {@code contains}/{@code
 *       containsAll}, an {@code EXISTS} over the array for {@code containsAny}.
 * </ul>
 *
 * Every value is a bound parameter; only checked property names and quoted column names reach the
 * text.
 */
public final class ConditionRenderer {
  private final StringBuilder sql = new StringBuilder();
  private final List<Bind> binds = new ArrayList<>();

  private ConditionRenderer() {}

  public static RenderedCondition render(SqlCondition condition) {
    ConditionRenderer renderer = new ConditionRenderer();
    renderer.write(condition, true);
    return new RenderedCondition(renderer.sql.toString(), renderer.binds);
  }

  private void write(SqlCondition condition, boolean top) {
    if (condition instanceof SqlCondition.Junction junction) {
      sql.append(top ? "" : "(");
      for (int i = 0; i < junction.parts().size(); i++) {
        sql.append(i == 0 ? "" : junction.and() ? " AND " : " OR ");
        write(junction.parts().get(i), false);
      }
      sql.append(top ? "" : ")");
    } else if (condition instanceof SqlCondition.Not not) {
      sql.append("NOT (");
      write(not.negated(), true);
      sql.append(')');
    } else {
      test((SqlCondition.Test) condition);
    }
  }

  private void test(SqlCondition.Test test) {
    SqlPath path = test.path();
    String column = path.column() == null ? null : SqlIdentifiers.quote(path.column());
    boolean lowerColumn = path.lowercase();
    String expression = column != null && !lowerColumn ? column : typed(path);
    List<Operand> operands = test.operands();
    switch (test.operator()) {
      case EQ, NE -> equality(test, column, expression);
      case LT -> compare(expression, "<", operands.get(0), path);
      case LE -> compare(expression, "<=", operands.get(0), path);
      case GT -> compare(expression, ">", operands.get(0), path);
      case GE -> compare(expression, ">=", operands.get(0), path);
      case BETWEEN -> {
        sql.append(expression).append(" BETWEEN ").append(placeholder(operands.get(0), path))
            .append(" AND ").append(placeholder(operands.get(1), path));
        binds.add(new Bind.Value(operands.get(0).slot()));
        binds.add(new Bind.Value(operands.get(1).slot()));
      }
      case IN, NOT_IN -> {
        // The array's text form is lowered as a whole: braces, commas and quotes have no case.
        String test0 = lowerColumn
            ? column + " = ANY (lower(?::text[]::text)::text[])"
            : expression + " = ANY (?::" + path.compareType() + "[])";
        sql.append(test.operator() == Operator.IN ? test0 : "NOT (" + test0 + ")");
        binds.add(new Bind.Array(operands.get(0).slot(), path.compareType()));
      }
      case IS_NULL, IS_NOT_NULL -> sql.append(column != null ? column : text(path))
          .append(test.operator() == Operator.IS_NULL ? " IS NULL" : " IS NOT NULL");
      case LIKE, NOT_LIKE -> {
        String not = test.operator() == Operator.NOT_LIKE ? "NOT " : "";
        if (lowerColumn) {
          sql.append(column).append(' ').append(not).append("LIKE lower(?)");
        } else {
          sql.append(expression).append(' ').append(not).append(test.ignoreCase() ? "ILIKE ?" : "LIKE ?");
        }
        binds.add(valueOrPattern(operands.get(0)));
      }
      case CONTAINS, NOT_CONTAINS, CONTAINS_ALL -> {
        sql.append(test.operator() == Operator.NOT_CONTAINS ? "NOT (data @> ?::jsonb)" : "data @> ?::jsonb");
        binds.add(new Bind.Containing(path.segments(), operands.get(0).slot(),
            test.operator() == Operator.CONTAINS_ALL ? JsonShape.ELEMENTS : JsonShape.ELEMENT));
      }
      case CONTAINS_ANY -> {
        sql.append("EXISTS (SELECT 1 FROM jsonb_array_elements(").append(array(path))
            .append(") e WHERE e = ANY (?::text[]::jsonb[]))");
        binds.add(new Bind.JsonArray(operands.get(0).slot()));
      }
      case IS_EMPTY -> sql.append("coalesce(jsonb_array_length(").append(array(path)).append("), 0) = 0");
    }
  }

  private void equality(SqlCondition.Test test, String column, String expression) {
    SqlPath path = test.path();
    Operand operand = test.operands().get(0);
    String operator = test.operator() == Operator.EQ ? " = " : " <> ";
    if (path.lowercase()) {
      sql.append(column).append(operator).append("lower(?)");
    } else if (test.ignoreCase()) {
      sql.append("lower(").append(expression).append(')').append(operator).append("lower(?)");
    } else if (test.operator() == Operator.EQ && column == null && SqlTypes.containable(path.compareType())
        && !castsInSql(operand, path)) {
      sql.append("data @> ?::jsonb");
      binds.add(new Bind.Containing(path.segments(), operand.slot(), JsonShape.VALUE));
      return;
    } else {
      sql.append(expression).append(operator).append(placeholder(operand, path));
    }
    binds.add(new Bind.Value(operand.slot()));
  }

  private void compare(String expression, String operator, Operand operand, SqlPath path) {
    sql.append(expression).append(' ').append(operator).append(' ').append(placeholder(operand, path));
    binds.add(new Bind.Value(operand.slot()));
  }

  private static Bind valueOrPattern(Operand operand) {
    return operand.isPattern() ? new Bind.Pattern(operand.before(), operand.slot(), operand.after())
        : new Bind.Value(operand.slot());
  }

  /** Text written in a query and compared with a date, time, UUID, number or boolean is cast in SQL. */
  private static boolean castsInSql(Operand operand, SqlPath path) {
    return operand.textLiteral() && !path.compareType().equals("text");
  }

  private static String placeholder(Operand operand, SqlPath path) {
    return castsInSql(operand, path) ? "?::" + path.compareType() : "?";
  }

  /** The JSON value at {@code path} as text. */
  public static String text(SqlPath path) {
    return "(data #>> " + literal(path.segments()) + ")";
  }

  /**
   * The JSON value at {@code path} cast to the type it compares as. A date or time is cast only when
   * its year has the four digits PostgreSQL reads; a year java.time writes with a sign or as 0000
   * (say {@code Instant.MIN}, stored by one row) reads as -infinity or infinity, so that it sorts
   * first or last instead of failing the query for every row ("time zone displacement out of range").
   */
  public static String typed(SqlPath path) {
    String type = path.compareType();
    String text = text(path);
    return switch (type) {
      case "text" -> text;
      case "timestamptz", "timestamp", "date" -> "(CASE WHEN " + text + " ~ '^[0-9]{4}-' AND " + text
          + " !~ '^0000' THEN " + text + "::" + type + " WHEN " + text + " ~ '^(-|0000)' THEN '-infinity'::" + type
          + " WHEN " + text + " ~ '^[+]' THEN 'infinity'::" + type + " END)";
      default -> "(" + text + "::" + type + ")";
    };
  }

  /** The JSON at {@code path} when it is an array, else SQL null. */
  private static String array(SqlPath path) {
    String json = "data #> " + literal(path.segments());
    return "CASE WHEN jsonb_typeof(" + json + ") = 'array' THEN " + json + " END";
  }

  /** A text-array literal of property names, {@code '{a,b}'}: the segments are checked names. */
  public static String literal(List<String> segments) {
    return "'{" + String.join(",", segments) + "}'";
  }
}
