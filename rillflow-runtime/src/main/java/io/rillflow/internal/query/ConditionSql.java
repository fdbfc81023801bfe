package io.rillflow.internal.query;

import io.rillflow.query.Comparison;
import io.rillflow.query.Condition;
import io.rillflow.query.Junction;
import io.rillflow.query.Negation;
import io.rillflow.sql.ConditionRenderer;
import io.rillflow.sql.Operand;
import io.rillflow.sql.RenderedCondition;
import io.rillflow.sql.SqlCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * A dynamic condition in the rule book's terms. {@link #render} numbers the condition's values in
 * tree order and lets {@link ConditionRenderer} write the SQL and its bind plan (once per shape: the
 * caller caches it); {@link #values} collects one call's values in that same order, so the cached
 * plan binds them.
 */
final class ConditionSql {
  private ConditionSql() {}

  static RenderedCondition render(Condition<?> condition) {
    return ConditionRenderer.render(toSql(condition, new int[1]));
  }

  private static SqlCondition toSql(Condition<?> condition, int[] next) {
    if (condition instanceof Junction<?> junction) {
      List<SqlCondition> parts = new ArrayList<>();
      junction.parts().forEach(part -> parts.add(toSql(part, next)));
      return new SqlCondition.Junction(junction.isAnd(), parts);
    }
    if (condition instanceof Negation<?> negation) {
      return new SqlCondition.Not(toSql(negation.negated(), next));
    }
    Comparison<?> comparison = (Comparison<?>) condition;
    List<Operand> operands = new ArrayList<>();
    for (int i = 0; i < comparison.operator().operands(); i++) {
      int slot = next[0]++;
      operands.add(comparison.before() != null
          ? Operand.pattern(slot, comparison.before(), comparison.after())
          : Operand.value(slot));
    }
    return new SqlCondition.Test(comparison.path().sqlPath(), comparison.operator(), comparison.ignoreCase(), operands);
  }

  /** Appends the condition's values in the order {@link #render} numbered them. */
  static void values(Condition<?> condition, List<Object> out) {
    if (condition instanceof Junction<?> junction) {
      junction.parts().forEach(part -> values(part, out));
    } else if (condition instanceof Negation<?> negation) {
      values(negation.negated(), out);
    } else {
      Comparison<?> comparison = (Comparison<?>) condition;
      if (comparison.operator().operands() == 2) {
        out.addAll((List<?>) comparison.value());
      } else if (comparison.operator().operands() == 1) {
        out.add(comparison.value());
      }
    }
  }
}
