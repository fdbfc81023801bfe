package io.rillflow.internal.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rillflow.query.Path;
import io.rillflow.internal.sql.Identifiers;
import java.util.Collection;
import java.util.List;

/**
 * Writes a condition as SQL over a document table's {@code data} and duplicated columns, and
 * collects its parameter values. Equality and collection containment on JSON use {@code @>}, which
 * a GIN index on {@code data} serves; a duplicated column is compared directly, using its index.
 */
final class ConditionSql {
  private final ObjectMapper mapper;

  ConditionSql(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Appends only the values, in the order {@link #write} would use them. */
  void values(ConditionNode<?> node, List<Object> out) {
    write(node, null, out);
  }

  /** Appends the SQL (when {@code sql} is not null) and the values. */
  void write(ConditionNode<?> node, StringBuilder sql, List<Object> out) {
    if (node instanceof Junction<?> junction) {
      append(sql, "(");
      for (int i = 0; i < junction.parts().size(); i++) {
        append(sql, i == 0 ? "" : junction.isAnd() ? " AND " : " OR ");
        write(junction.parts().get(i), sql, out);
      }
      append(sql, ")");
    } else if (node instanceof Negation<?> negation) {
      append(sql, "NOT (");
      write(negation.negated(), sql, out);
      append(sql, ")");
    } else {
      comparison((Comparison<?>) node, sql, out);
    }
  }

  private void comparison(Comparison<?> c, StringBuilder sql, List<Object> out) {
    Path<?, ?> path = c.path();
    Class<?> type = path.valueType();
    String column = path.column() == null ? null : Identifiers.quote(path.column());
    String expression = column != null && !path.lowercaseColumn() ? column : ValueKinds.jsonExpression(path.segments(), type);
    switch (c.operator()) {
      case EQ -> {
        if (column != null && path.lowercaseColumn()) {
          // The column narrows by index; the JSON keeps the comparison exact in case.
          append(sql, "(" + column + " = lower(?) AND " + expression + " = ?)");
          out.add(ValueKinds.jdbcValue(c.value()));
          out.add(ValueKinds.jdbcValue(c.value()));
        } else if (column == null && ValueKinds.containable(type)) {
          append(sql, "data @> ?::jsonb");
          out.add(Containment.of(mapper, path.segments(), mapper.valueToTree(c.value())));
        } else {
          append(sql, expression + " = ?");
          out.add(ValueKinds.jdbcValue(c.value()));
        }
      }
      case NE -> binary(sql, out, expression, "<>", c.value());
      case LT -> binary(sql, out, expression, "<", c.value());
      case LE -> binary(sql, out, expression, "<=", c.value());
      case GT -> binary(sql, out, expression, ">", c.value());
      case GE -> binary(sql, out, expression, ">=", c.value());
      case BETWEEN -> {
        List<?> bounds = (List<?>) c.value();
        append(sql, expression + " BETWEEN ? AND ?");
        out.add(ValueKinds.jdbcValue(bounds.get(0)));
        out.add(ValueKinds.jdbcValue(bounds.get(1)));
      }
      case IN -> {
        String target = column != null && path.lowercaseColumn() ? ValueKinds.jsonExpression(path.segments(), type) : expression;
        append(sql, target + " = ANY (?::" + ValueKinds.sqlType(type) + "[])");
        out.add(new SqlArray(ValueKinds.sqlType(type), ((Collection<?>) c.value()).stream().map(ValueKinds::jdbcValue).toArray()));
      }
      case IS_NULL -> append(sql, (column != null ? column : ValueKinds.jsonExpression(path.segments(), String.class)) + " IS NULL");
      case IS_NOT_NULL -> append(sql, (column != null ? column : ValueKinds.jsonExpression(path.segments(), String.class)) + " IS NOT NULL");
      case EQ_IGNORE_CASE -> {
        append(sql, (column != null && path.lowercaseColumn() ? column : "lower(" + expression + ")") + " = lower(?)");
        out.add(c.value());
      }
      case LIKE -> binary(sql, out, expression, "LIKE", c.value());
      case ILIKE -> {
        if (column != null && path.lowercaseColumn()) {
          append(sql, column + " LIKE lower(?)");
          out.add(c.value());
        } else {
          binary(sql, out, expression, "ILIKE", c.value());
        }
      }
      case CONTAINS_ALL -> {
        ArrayNode elements = mapper.createArrayNode();
        ((Collection<?>) c.value()).forEach(v -> elements.add(mapper.valueToTree(v)));
        append(sql, "data @> ?::jsonb");
        out.add(Containment.of(mapper, path.segments(), elements));
      }
      case CONTAINS_ANY -> {
        append(sql, "EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(data #> " + literal(path.segments())
            + ") = 'array' THEN data #> " + literal(path.segments()) + " END) e WHERE e = ANY (?::text[]::jsonb[]))");
        out.add(new SqlArray("text", ((Collection<?>) c.value()).stream().map(v -> mapper.valueToTree(v).toString()).toArray()));
      }
      case IS_EMPTY -> append(sql, "coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(data #> " + literal(path.segments())
          + ") = 'array' THEN data #> " + literal(path.segments()) + " END), 0) = 0");
    }
  }

  private static void binary(StringBuilder sql, List<Object> out, String expression, String operator, Object value) {
    append(sql, expression + " " + operator + " ?");
    out.add(ValueKinds.jdbcValue(value));
  }

  private static void append(StringBuilder sql, String text) {
    if (sql != null) {
      sql.append(text);
    }
  }

  static String literal(List<String> segments) {
    return "'{" + String.join(",", segments) + "}'";
  }

  /** An array parameter: its element type and values, turned into a JDBC array when bound. */
  record SqlArray(String elementType, Object[] values) {}
}
