package io.rillflow.processor.query;

import io.rillflow.processor.model.DocumentModel;
import io.rillflow.processor.model.PathModel;
import io.rillflow.processor.model.PathModel.PathKind;
import io.rillflow.sql.ConditionRenderer;
import io.rillflow.sql.Operand;
import io.rillflow.sql.Operator;
import io.rillflow.sql.RenderedCondition;
import io.rillflow.sql.SqlCondition;
import io.rillflow.sql.SqlOrder;
import io.rillflow.sql.SqlPath;
import io.rillflow.sql.Statements;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a checked query method's SQL with the rule book the runtime's dynamic queries use
 * ({@code io.rillflow.sql}): this class only translates the method's words into the rule book's
 * condition (a {@code StartingWith} is a {@code LIKE} whose operand adds a wildcard, {@code True} is
 * equality with {@code true}) and numbers the values; every SQL decision is the rule book's.
 */
public final class SqlPlanner {
  private final DocumentModel document;

  public SqlPlanner(DocumentModel document) {
    this.document = document;
  }

  public PlannedQuery plan(QueryMethod query) {
    List<Argument> slots = new ArrayList<>();
    RenderedCondition condition = query.predicate() == null ? null
        : ConditionRenderer.render(toSql(query.predicate(), slots));
    String where = Statements.where(condition, document.softDelete());
    // A limit known now is written into the SQL, unless a runtime ordering must come before it.
    boolean orderedAtRuntime = query.sortParameter() >= 0 || query.pageParameter() >= 0;
    int limit = orderedAtRuntime ? -1 : query.limit();
    String sql = switch (query.subject()) {
      case COUNT -> Statements.count(where);
      case EXISTS -> Statements.exists(where);
      case DELETE -> Statements.delete(where, document.softDelete());
      case FIND -> Statements.select(selected(query), where, orders(query.orders()), limit);
    };
    String countSql = query.result() == QueryMethod.Result.PAGE ? Statements.count(where) : null;
    return new PlannedQuery(sql, countSql, condition == null ? List.of() : condition.binds(), slots,
        orderedAtRuntime ? query.limit() : -1);
  }

  private static String selected(QueryMethod query) {
    if (query.projection() == null) {
      return "data";
    }
    List<String> names = query.projection().getRecordComponents().stream().map(c -> c.getSimpleName().toString()).toList();
    return Statements.projection(names, query.projectionPaths().stream().map(PathModel::segments).toList());
  }

  private static List<SqlOrder> orders(List<QueryMethod.Order> orders) {
    return orders.stream().map(o -> new SqlOrder(sqlPath(o.path()), o.descending())).toList();
  }

  /** The rule book's view of a path. */
  public static SqlPath sqlPath(PathModel path) {
    return new SqlPath(path.segments(), path.column(), path.lowercase(), path.sqlType(),
        path.kind() == PathKind.COLLECTION);
  }

  private static SqlCondition toSql(Predicate predicate, List<Argument> slots) {
    if (predicate instanceof Predicate.Junction junction) {
      return new SqlCondition.Junction(junction.and(), junction.parts().stream().map(p -> toSql(p, slots)).toList());
    }
    if (predicate instanceof Predicate.Not not) {
      return new SqlCondition.Not(toSql(not.negated(), slots));
    }
    Predicate.Criterion c = (Predicate.Criterion) predicate;
    SqlPath path = sqlPath(c.path());
    boolean collection = c.path().kind() == PathKind.COLLECTION;
    return switch (c.operator()) {
      case EQ -> test(path, Operator.EQ, c, slots);
      case NE -> test(path, Operator.NE, c, slots);
      case LT -> test(path, Operator.LT, c, slots);
      case LE -> test(path, Operator.LE, c, slots);
      case GT -> test(path, Operator.GT, c, slots);
      case GE -> test(path, Operator.GE, c, slots);
      case BETWEEN -> test(path, Operator.BETWEEN, c, slots);
      case IN -> test(path, Operator.IN, c, slots);
      case NOT_IN -> test(path, Operator.NOT_IN, c, slots);
      case IS_NULL -> test(path, Operator.IS_NULL, c, slots);
      case IS_NOT_NULL -> test(path, Operator.IS_NOT_NULL, c, slots);
      case LIKE -> test(path, Operator.LIKE, c, slots);
      case NOT_LIKE -> test(path, Operator.NOT_LIKE, c, slots);
      case STARTS_WITH -> pattern(path, Operator.LIKE, c, slots, "", "%");
      case ENDS_WITH -> pattern(path, Operator.LIKE, c, slots, "%", "");
      case CONTAINING -> collection ? test(path, Operator.CONTAINS, c, slots) : pattern(path, Operator.LIKE, c, slots, "%", "%");
      case NOT_CONTAINING -> collection
          ? test(path, Operator.NOT_CONTAINS, c, slots)
          : pattern(path, Operator.NOT_LIKE, c, slots, "%", "%");
      case TRUE, FALSE -> new SqlCondition.Test(path, Operator.EQ, false,
          List.of(Operand.value(slot(new Argument.Literal(c.operator() == QueryOperator.TRUE), slots))));
    };
  }

  private static SqlCondition test(SqlPath path, Operator operator, Predicate.Criterion c, List<Argument> slots) {
    List<Operand> operands = new ArrayList<>();
    for (Argument argument : c.arguments()) {
      boolean text = argument instanceof Argument.Literal literal && literal.value() instanceof String;
      int slot = slot(argument, slots);
      operands.add(text ? Operand.textLiteral(slot) : Operand.value(slot));
    }
    return new SqlCondition.Test(path, operator, c.ignoreCase(), operands);
  }

  private static SqlCondition pattern(SqlPath path, Operator operator, Predicate.Criterion c, List<Argument> slots,
      String before, String after) {
    return new SqlCondition.Test(path, operator, c.ignoreCase(),
        List.of(Operand.pattern(slot(c.arguments().get(0), slots), before, after)));
  }

  private static int slot(Argument argument, List<Argument> slots) {
    slots.add(argument);
    return slots.size() - 1;
  }
}
