package io.rillflow.tests.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code @Duplicated(lowercase = true)} value is compared regardless of case by equality,
 * {@code in} and patterns, in the dynamic API and in repository methods alike (the README's
 * {@code Customer_.address.city.eq("paris")}); ordering by it keeps the stored case.
 */
class LowercaseColumnTest extends RillflowTestBase {

  @BeforeEach
  void fill() {
    store().repository(SpecimenRepository.class).save(specimen("Mixed Case", "Paris"));
    store().repository(SpecimenRepository.class).save(specimen("other", "Lyon"));
  }

  private static Specimen specimen(String label, String city) {
    return new Specimen(UUID.randomUUID(), "t", "c", label, Specimen.Shade.DARK, Specimen.Shade.LIGHT, 1, 2, 3L, 1.5,
        BigDecimal.ONE, true, UUID.randomUUID(), Instant.EPOCH, LocalDate.EPOCH, LocalDateTime.of(2020, 1, 1, 0, 0),
        OffsetDateTime.parse("2020-01-01T00:00:00Z"), 'x', List.of("a"), Set.of(1), new Specimen.Place(city, 75000));
  }

  private List<String> labels(io.rillflow.query.Condition<Specimen> condition) {
    return store().querySession().query(Specimen.class).where(condition).list().stream().map(Specimen::label).toList();
  }

  @Test
  void eqInAndPatternsOnALowerCasedColumnIgnoreCase() {
    assertThat(labels(Specimen_.label.eq("MIXED case"))).containsExactly("Mixed Case");
    assertThat(labels(Specimen_.place.city.eq("paris"))).containsExactly("Mixed Case");
    assertThat(labels(Specimen_.label.ne("mixed CASE"))).containsExactly("other");
    assertThat(labels(Specimen_.label.in("OTHER", "nothing"))).containsExactly("other");
    assertThat(labels(Specimen_.label.startsWith("MIX"))).containsExactly("Mixed Case");
    assertThat(labels(Specimen_.label.eqIgnoreCase("mixed case"))).containsExactly("Mixed Case");
  }

  @Test
  void repositoryMethodsAgree() {
    SpecimenRepository repository = store().repository(SpecimenRepository.class);
    assertThat(repository.findByLabel("mIxEd cAsE")).extracting(Specimen::label).containsExactly("Mixed Case");
    assertThat(repository.findByPlaceCity("LYON")).extracting(Specimen::label).containsExactly("other");
    assertThat(repository.findByLabelIn(List.of("Other"))).extracting(Specimen::label).containsExactly("other");
    assertThat(repository.existsByLabel("MIXED CASE")).isTrue();
  }

  @Test
  void theStoredCaseIsKept() {
    assertThat(store().querySession().load(Specimen.class,
        labelsOrdered().get(0).id()).orElseThrow().label()).isEqualTo("Mixed Case");
  }

  private List<Specimen> labelsOrdered() {
    return store().querySession().query(Specimen.class).orderBy(Specimen_.label.asc()).list();
  }
}
