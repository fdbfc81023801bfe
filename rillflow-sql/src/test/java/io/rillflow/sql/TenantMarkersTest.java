package io.rillflow.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One generated statement serves every tenancy mode: the markers become a leading tenant predicate or nothing. */
class TenantMarkersTest {
  private static final String TENANT = "tenant_id = 'acme'";
  private static final SqlPath TITLE = new SqlPath(List.of("title"), null, false, "text", false);

  private static RenderedCondition titleIsOrIs() {
    return ConditionRenderer.render(new SqlCondition.Junction(false, List.of(
        new SqlCondition.Test(TITLE, Operator.EQ, false, List.of(Operand.value(0))),
        new SqlCondition.Test(TITLE, Operator.EQ, false, List.of(Operand.value(1))))));
  }

  @Test
  void aTopLevelOrStaysInsideTheTenantsParentheses() {
    String sql = Statements.select("data", Statements.where(titleIsOrIs(), DeletedRows.ALL), List.of(), 5);
    assertThat(Statements.qualify(sql, "t", TENANT)).isEqualTo(
        "SELECT data FROM t WHERE tenant_id = 'acme' AND (data @> ?::jsonb OR data @> ?::jsonb) LIMIT 5");
    assertThat(Statements.qualify(sql, "t"))
        .isEqualTo("SELECT data FROM t WHERE data @> ?::jsonb OR data @> ?::jsonb LIMIT 5");
  }

  @Test
  void aStatementWithoutConditionGetsTheTenantAsItsWhole() {
    assertThat(Statements.qualify(Statements.count(Statements.where(null, DeletedRows.ALL)), "t", TENANT))
        .isEqualTo("SELECT count(*) FROM t WHERE tenant_id = 'acme'");
    assertThat(Statements.qualify(Statements.delete(Statements.where(null, DeletedRows.ALL), false), "t"))
        .isEqualTo("DELETE FROM t");
    assertThat(Statements.qualify(Statements.delete(Statements.where(null, DeletedRows.LIVE), true), "t", TENANT))
        .isEqualTo("UPDATE t SET deleted_at = now() WHERE tenant_id = 'acme' AND (deleted_at IS NULL)");
  }
}
