package io.rillflow.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules repository methods cannot reach (only the dynamic API has these operators), pinned
 * here; the rest is pinned through the processor (GoldenSqlTest) and held equal between both halves
 * (SqlParityTest).
 */
class ConditionRendererTest {
  private static final SqlPath TAGS = new SqlPath(List.of("tags"), null, false, "text", true);
  private static final SqlPath CITY = new SqlPath(List.of("address", "city"), "address_city", true, "text", false);

  private static RenderedCondition render(SqlPath path, Operator operator, Operand... operands) {
    return ConditionRenderer.render(new SqlCondition.Test(path, operator, false, List.of(operands)));
  }

  @Test
  void containsAllIsOneContainmentOfTheWholeArray() {
    RenderedCondition all = render(TAGS, Operator.CONTAINS_ALL, Operand.value(0));
    assertThat(all.sql()).isEqualTo("data @> ?::jsonb");
    assertThat(all.binds()).containsExactly(new Bind.Containing(List.of("tags"), 0, Bind.JsonShape.ELEMENTS));
  }

  @Test
  void containsAnyTestsEachElementOnlyWhenThePathHoldsAnArray() {
    RenderedCondition any = render(TAGS, Operator.CONTAINS_ANY, Operand.value(0));
    assertThat(any.sql()).isEqualTo("EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(data #> '{tags}') "
        + "= 'array' THEN data #> '{tags}' END) e WHERE e = ANY (?::text[]::jsonb[]))");
    assertThat(any.binds()).containsExactly(new Bind.JsonArray(0));
  }

  @Test
  void isEmptyCountsAMissingArrayAsEmpty() {
    assertThat(render(TAGS, Operator.IS_EMPTY).sql())
        .isEqualTo("coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(data #> '{tags}') = 'array' "
            + "THEN data #> '{tags}' END), 0) = 0");
  }

  @Test
  void aLowerCasedColumnIgnoresCaseForEveryComparisonOfEquality() {
    assertThat(render(CITY, Operator.EQ, Operand.value(0)).sql()).isEqualTo("\"address_city\" = lower(?)");
    assertThat(render(CITY, Operator.NE, Operand.value(0)).sql()).isEqualTo("\"address_city\" <> lower(?)");
    assertThat(render(CITY, Operator.IN, Operand.value(0)).sql())
        .isEqualTo("\"address_city\" = ANY (lower(?::text[]::text)::text[])");
    assertThat(render(CITY, Operator.LIKE, Operand.pattern(0, "", "%")).binds())
        .containsExactly(new Bind.Pattern("", 0, "%"));
  }

  @Test
  void aLowerCasedColumnSortsByTheJsonInItsOwnCase() {
    assertThat(new SqlOrder(CITY, true).sql()).isEqualTo("(data #>> '{address,city}') DESC");
  }

  @Test
  void theNotDeletedFilterWrapsTheCondition() {
    RenderedCondition either = ConditionRenderer.render(new SqlCondition.Junction(false, List.of(
        new SqlCondition.Test(TAGS, Operator.IS_EMPTY, false, List.of()),
        new SqlCondition.Test(CITY, Operator.IS_NULL, false, List.of()))));
    // As a store without conjoined tenants sends it: the tenant markers removed (TenantMarkersTest pins them).
    assertThat(withoutTenant(Statements.where(either, true))).startsWith(" WHERE deleted_at IS NULL AND (coalesce(")
        .endsWith(" OR \"address_city\" IS NULL)");
    assertThat(withoutTenant(Statements.where(null, true))).isEqualTo(" WHERE deleted_at IS NULL");
    assertThat(withoutTenant(Statements.where(null, false))).isEmpty();
    assertThat(Statements.qualify(Statements.count(""), "\"s\".\"doc_a\"")).isEqualTo("SELECT count(*) FROM \"s\".\"doc_a\"");
  }

  private static String withoutTenant(String sql) {
    return Statements.qualify(sql, Statements.TABLE);
  }
}
