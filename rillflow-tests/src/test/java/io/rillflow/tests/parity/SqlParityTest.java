package io.rillflow.tests.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.query.Condition;
import io.rillflow.internal.query.DynamicSql;
import io.rillflow.sql.DeletedRows;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The processor and the runtime render one condition as one SQL text: each repository method's
 * constant, as the processor wrote it into {@code SpecimenRepositoryImpl}, equals what the dynamic
 * API renders for the same condition made from the metamodel, over every operator both offer and
 * every value kind, JSON-only, duplicated and lower-cased columns, under the not-deleted filter.
 */
class SqlParityTest {
  private static final String S = "s";
  private static final int I = 1;
  private static final LocalDate D = LocalDate.EPOCH;
  private static final Instant T = Instant.EPOCH;
  private final List<String> mismatches = new ArrayList<>();
  private int compared;

  @Test
  void everyOperatorAndValueKindRendersAlikeInBothHalves() throws Exception {
    select("FIND_BY_TEXT", Specimen_.text.eq(S));
    select("FIND_BY_CODE", Specimen_.code.eq(S));
    select("FIND_BY_LABEL", Specimen_.label.eq(S));
    select("FIND_BY_SHADE", Specimen_.shade.eq(Specimen.Shade.DARK));
    select("FIND_BY_TINT", Specimen_.tint.eq(Specimen.Shade.DARK));
    select("FIND_BY_COUNT", Specimen_.count.eq(I));
    select("FIND_BY_RANK", Specimen_.rank.eq(I));
    select("FIND_BY_TOTAL", Specimen_.total.eq(1L));
    select("FIND_BY_RATIO", Specimen_.ratio.eq(1.5));
    select("FIND_BY_AMOUNT", Specimen_.amount.eq(BigDecimal.ONE));
    select("FIND_BY_FLAG", Specimen_.flag.eq(true));
    select("FIND_BY_REF", Specimen_.ref.eq(UUID.randomUUID()));
    select("FIND_BY_AT", Specimen_.at.eq(T));
    select("FIND_BY_DAY", Specimen_.day.eq(D));
    select("FIND_BY_LOCAL", Specimen_.local.eq(LocalDateTime.MIN));
    select("FIND_BY_OFFSET", Specimen_.offset.eq(OffsetDateTime.MIN));
    select("FIND_BY_LETTER", Specimen_.letter.eq("x"));
    select("FIND_BY_PLACE_CITY", Specimen_.place.city.eq(S));
    select("FIND_BY_PLACE_ZIP", Specimen_.place.zip.eq(I));

    select("FIND_BY_TEXT_NOT", Specimen_.text.ne(S));
    select("FIND_BY_CODE_NOT", Specimen_.code.ne(S));
    select("FIND_BY_LABEL_NOT", Specimen_.label.ne(S));
    select("FIND_BY_DAY_NOT", Specimen_.day.ne(D));

    select("FIND_BY_COUNT_LESS_THAN", Specimen_.count.lt(I));
    select("FIND_BY_RANK_LESS_THAN_EQUAL", Specimen_.rank.le(I));
    select("FIND_BY_AMOUNT_GREATER_THAN", Specimen_.amount.gt(BigDecimal.TEN));
    select("FIND_BY_AT_GREATER_THAN_EQUAL", Specimen_.at.ge(T));
    select("FIND_BY_DAY_BEFORE", Specimen_.day.lt(D));
    select("FIND_BY_LOCAL_AFTER", Specimen_.local.gt(LocalDateTime.MIN));
    select("FIND_BY_TEXT_GREATER_THAN", Specimen_.text.gt(S));
    select("FIND_BY_REF_LESS_THAN", Specimen_.ref.lt(UUID.randomUUID()));
    select("FIND_BY_TOTAL_BETWEEN", Specimen_.total.between(1L, 2L));
    select("FIND_BY_OFFSET_BETWEEN", Specimen_.offset.between(OffsetDateTime.MIN, OffsetDateTime.MAX));

    select("FIND_BY_TEXT_IN", Specimen_.text.in(S, "t"));
    select("FIND_BY_CODE_IN", Specimen_.code.in(S));
    select("FIND_BY_LABEL_IN", Specimen_.label.in(S));
    select("FIND_BY_SHADE_IN", Specimen_.shade.in(Specimen.Shade.LIGHT));
    select("FIND_BY_COUNT_IN", Specimen_.count.in(1, 2, 3));
    select("FIND_BY_DAY_IN", Specimen_.day.in(D));
    select("FIND_BY_REF_IN", Specimen_.ref.in(UUID.randomUUID()));
    select("FIND_BY_COUNT_NOT_IN", Specimen_.count.in(1, 2).not());

    select("FIND_BY_TEXT_IS_NULL", Specimen_.text.isNull());
    select("FIND_BY_CODE_IS_NOT_NULL", Specimen_.code.isNotNull());
    select("FIND_BY_PLACE_IS_NULL", Specimen_.place.isNull());

    select("FIND_BY_TEXT_LIKE", Specimen_.text.like("%s"));
    select("FIND_BY_TEXT_LIKE_IGNORE_CASE", Specimen_.text.likeIgnoreCase("%s"));
    select("FIND_BY_TEXT_IGNORE_CASE", Specimen_.text.eqIgnoreCase(S));
    select("FIND_BY_CODE_IGNORE_CASE", Specimen_.code.eqIgnoreCase(S));
    select("FIND_BY_LABEL_IGNORE_CASE", Specimen_.label.eqIgnoreCase(S));
    select("FIND_BY_TEXT_STARTING_WITH", Specimen_.text.startsWith(S));
    select("FIND_BY_TEXT_ENDING_WITH_IGNORE_CASE", Specimen_.text.endsWithIgnoreCase(S));
    select("FIND_BY_CODE_CONTAINING", Specimen_.code.containsText(S));
    select("FIND_BY_LABEL_STARTING_WITH", Specimen_.label.startsWith(S));
    select("FIND_BY_LABEL_LIKE", Specimen_.label.like("s%"));

    select("FIND_BY_TAGS_CONTAINING", Specimen_.tags.contains(S));
    select("FIND_BY_NUMBERS_CONTAINING", Specimen_.numbers.contains(I));

    select("FIND_BY_TEXT_AND_COUNT", Specimen_.text.eq(S).and(Specimen_.count.eq(I)));
    select("FIND_BY_TEXT_OR_CODE_AND_RANK", Specimen_.text.eq(S).or(Specimen_.code.eq(S).and(Specimen_.rank.eq(I))));
    select("NOT_EITHER", Specimen_.text.eq(S).or(Specimen_.count.gt(I)).not());
    select("WITHOUT_TAG", Specimen_.tags.contains(S).not());

    same("COUNT_BY_CODE", DynamicSql.count(Specimen_.code.eq(S), DeletedRows.LIVE).sql());
    same("EXISTS_BY_LABEL", DynamicSql.exists(Specimen_.label.eq(S), DeletedRows.LIVE).sql());

    assertThat(mismatches).isEmpty();
    assertThat(compared).isEqualTo(62);
  }

  private void select(String constant, Condition<Specimen> condition) throws Exception {
    same(constant, DynamicSql.select(condition, DeletedRows.LIVE).sql());
  }

  private void same(String constant, String dynamic) throws Exception {
    Field field = SpecimenRepositoryImpl.class.getDeclaredField(constant);
    field.setAccessible(true);
    String compiled = (String) field.get(null);
    compared++;
    if (!compiled.equals(dynamic)) {
      mismatches.add(constant + "\n  processor: " + compiled + "\n  runtime:   " + dynamic);
    }
  }
}
