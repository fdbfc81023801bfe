package io.rillflow.tests.parity;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One member of every value kind a path can have, JSON-only and duplicated, for the SQL parity test. */
@Document(softDelete = true)
@Duplicated(path = "place.city", lowercase = true)
public record Specimen(
    UUID id,
    String text,
    @Duplicated String code,
    @Duplicated(lowercase = true) String label,
    Shade shade,
    @Duplicated Shade tint,
    int count,
    @Duplicated int rank,
    long total,
    double ratio,
    BigDecimal amount,
    boolean flag,
    UUID ref,
    Instant at,
    LocalDate day,
    LocalDateTime local,
    OffsetDateTime offset,
    char letter,
    List<String> tags,
    Set<Integer> numbers,
    Place place) {

  public enum Shade { LIGHT, DARK }

  public record Place(String city, int zip) {}
}
