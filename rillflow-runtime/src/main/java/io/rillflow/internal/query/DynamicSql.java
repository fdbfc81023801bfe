package io.rillflow.internal.query;

import io.rillflow.query.Condition;
import io.rillflow.sql.Bind;
import io.rillflow.sql.RenderedCondition;
import io.rillflow.sql.DeletedRows;
import io.rillflow.sql.Statements;
import java.util.List;

/**
 * The statements of a dynamic query, with the table still written {@code {{table}}}: the very text a
 * repository method of the same condition has in its generated constant (a parity test holds the
 * two to it), and the bind plan its values follow.
 */
public final class DynamicSql {
  private DynamicSql() {}

  /** The SQL of a shape and the bind plan its values follow. */
  public record Planned(String sql, List<Bind> binds) {}

  /** {@code SELECT data ...} of the documents matching {@code where} ({@code null}: all), unordered. */
  public static Planned select(Condition<?> where, DeletedRows rows) {
    RenderedCondition condition = render(where);
    return new Planned(Statements.select("data", Statements.where(condition, rows), List.of(), -1), binds(condition));
  }

  public static Planned count(Condition<?> where, DeletedRows rows) {
    RenderedCondition condition = render(where);
    return new Planned(Statements.count(Statements.where(condition, rows)), binds(condition));
  }

  public static Planned exists(Condition<?> where, DeletedRows rows) {
    RenderedCondition condition = render(where);
    return new Planned(Statements.exists(Statements.where(condition, rows)), binds(condition));
  }

  private static RenderedCondition render(Condition<?> where) {
    return where == null ? null : ConditionSql.render(where);
  }

  private static List<Bind> binds(RenderedCondition condition) {
    return condition == null ? List.of() : condition.binds();
  }
}
