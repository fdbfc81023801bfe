package io.rillflow.tests.parity;

import io.rillflow.DocumentRepository;
import io.rillflow.annotations.Query;
import io.rillflow.annotations.Repository;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Query methods over every operator and value kind; SqlParityTest holds their SQL to the dynamic API's. */
@Repository
public interface SpecimenRepository extends DocumentRepository<Specimen, UUID> {

  // equality on each value kind, JSON and column
  List<Specimen> findByText(String v);
  List<Specimen> findByCode(String v);
  List<Specimen> findByLabel(String v);
  List<Specimen> findByShade(Specimen.Shade v);
  List<Specimen> findByTint(Specimen.Shade v);
  List<Specimen> findByCount(int v);
  List<Specimen> findByRank(int v);
  List<Specimen> findByTotal(long v);
  List<Specimen> findByRatio(double v);
  List<Specimen> findByAmount(BigDecimal v);
  List<Specimen> findByFlag(boolean v);
  List<Specimen> findByRef(UUID v);
  List<Specimen> findByAt(Instant v);
  List<Specimen> findByDay(LocalDate v);
  List<Specimen> findByLocal(LocalDateTime v);
  List<Specimen> findByOffset(OffsetDateTime v);
  List<Specimen> findByLetter(char v);
  List<Specimen> findByPlaceCity(String v);
  List<Specimen> findByPlaceZip(int v);

  // not equal
  List<Specimen> findByTextNot(String v);
  List<Specimen> findByCodeNot(String v);
  List<Specimen> findByLabelNot(String v);
  List<Specimen> findByDayNot(LocalDate v);

  // order comparisons
  List<Specimen> findByCountLessThan(int v);
  List<Specimen> findByRankLessThanEqual(int v);
  List<Specimen> findByAmountGreaterThan(BigDecimal v);
  List<Specimen> findByAtGreaterThanEqual(Instant v);
  List<Specimen> findByDayBefore(LocalDate v);
  List<Specimen> findByLocalAfter(LocalDateTime v);
  List<Specimen> findByTextGreaterThan(String v);
  List<Specimen> findByRefLessThan(UUID v);
  List<Specimen> findByTotalBetween(long low, long high);
  List<Specimen> findByOffsetBetween(OffsetDateTime low, OffsetDateTime high);

  // in
  List<Specimen> findByTextIn(Collection<String> v);
  List<Specimen> findByCodeIn(Collection<String> v);
  List<Specimen> findByLabelIn(Collection<String> v);
  List<Specimen> findByShadeIn(Collection<Specimen.Shade> v);
  List<Specimen> findByCountIn(Collection<Integer> v);
  List<Specimen> findByDayIn(Collection<LocalDate> v);
  List<Specimen> findByRefIn(Collection<UUID> v);
  List<Specimen> findByCountNotIn(Collection<Integer> v);

  // nulls
  List<Specimen> findByTextIsNull();
  List<Specimen> findByCodeIsNotNull();
  List<Specimen> findByPlaceIsNull();

  // strings
  List<Specimen> findByTextLike(String v);
  List<Specimen> findByTextLikeIgnoreCase(String v);
  List<Specimen> findByTextIgnoreCase(String v);
  List<Specimen> findByCodeIgnoreCase(String v);
  List<Specimen> findByLabelIgnoreCase(String v);
  List<Specimen> findByTextStartingWith(String v);
  List<Specimen> findByTextEndingWithIgnoreCase(String v);
  List<Specimen> findByCodeContaining(String v);
  List<Specimen> findByLabelStartingWith(String v);
  List<Specimen> findByLabelLike(String v);

  // collections
  List<Specimen> findByTagsContaining(String v);
  List<Specimen> findByNumbersContaining(Integer v);

  // junctions and negations
  List<Specimen> findByTextAndCount(String a, int b);
  List<Specimen> findByTextOrCodeAndRank(String a, String b, int c);

  @Query("not (text = :a or count > :b)")
  List<Specimen> notEither(String a, int b);

  @Query("not (tags contains :a)")
  List<Specimen> withoutTag(String a);

  // subjects
  long countByCode(String v);

  boolean existsByLabel(String v);
}
