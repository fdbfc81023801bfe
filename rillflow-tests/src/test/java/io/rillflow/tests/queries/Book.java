package io.rillflow.tests.queries;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The query corpus's document: nested objects, lists, enums, dates and numbers. */
@Document(gin = true)
@Duplicated(path = "author.country")
public record Book(
    UUID id,
    String title,
    @Duplicated(unique = true) String isbn,
    Author author,
    List<String> genres,
    @Duplicated Format format,
    int pages,
    BigDecimal price,
    double rating,
    LocalDate published,
    Instant addedAt,
    boolean inPrint,
    String series) {}
