package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.rillflow.sql.Statements;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The exact SQL the processor plans for each query shape, as written into the generated
 * repository's constants: a change to the rule book or the planner shows here, line by line.
 */
class GoldenSqlTest {
  private static final JavaFileObject BOOK = JavaFileObjects.forSourceLines("com.acme.Book",
      "package com.acme;",
      "",
      "import io.rillflow.annotations.Duplicated;",
      "",
      "@io.rillflow.annotations.Document(gin = true)",
      "@Duplicated(path = \"author.country\", lowercase = true)",
      "public record Book(java.util.UUID id, String title, @Duplicated(unique = true) String isbn, int pages,",
      "    java.math.BigDecimal price, Format format, java.util.List<String> genres, Author author, boolean inPrint,",
      "    java.time.LocalDate published, java.time.Instant addedAt, String series) {",
      "  public enum Format { HARDCOVER, PAPERBACK }",
      "  public record Author(String name, String country) {}",
      "}");
  private static final JavaFileObject NOTE = JavaFileObjects.forSourceLines("com.acme.Note",
      "package com.acme;",
      "",
      "@io.rillflow.annotations.Document(softDelete = true)",
      "public record Note(String id, String text, @io.rillflow.annotations.Duplicated long rank) {}");

  /** Method declaration (constant name derived from it) to the SQL it must have. */
  private static final Map<String, String> BOOKS = new LinkedHashMap<>();
  private static final Map<String, String> NOTES = new LinkedHashMap<>();

  private static void book(String declaration, String constant, String sql) {
    BOOKS.put(declaration, constant == null ? null : constant + "=" + sql);
  }

  private static final Map<String, String> PINNED = new LinkedHashMap<>();

  private static void pinned(String constant, String sql) {
    PINNED.put(constant, sql);
  }

  private static void note(String declaration, String constant, String sql) {
    NOTES.put(declaration, constant + "=" + sql);
  }

  static {
    // Paged methods' counts.
    pinned("FIND_BY_TITLE_ENDING_WITH_COUNT", "SELECT count(*) FROM {{table}} WHERE (data #>> '{title}') LIKE ?");
    pinned("NOT_FROM_COUNT", "SELECT count(*) FROM {{table}} WHERE NOT (\"author_country\" = ANY (lower(?::text[]::text)::text[])) "
        + "AND (data #>> '{title}') <> ?");
    book("Optional<Book> findByIsbn(String isbn);", "FIND_BY_ISBN",
        "SELECT data FROM {{table}} WHERE \"isbn\" = ?");
    book("List<Book> findByTitle(String title);", "FIND_BY_TITLE",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb");
    book("List<Book> findByAuthorCountry(String country);", "FIND_BY_AUTHOR_COUNTRY",
        "SELECT data FROM {{table}} WHERE \"author_country\" = lower(?)");
    book("List<Book> findByAuthorName(String name);", "FIND_BY_AUTHOR_NAME",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb");
    book("List<Book> findByPages(int pages);", "FIND_BY_PAGES",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb");
    book("List<Book> findByPublished(java.time.LocalDate day);", "FIND_BY_PUBLISHED",
        "SELECT data FROM {{table}} WHERE " + date("published", "date") + " = ?");
    book("List<Book> findByFormatNot(Book.Format format);", "FIND_BY_FORMAT_NOT",
        "SELECT data FROM {{table}} WHERE (data #>> '{format}') <> ?");
    book("List<Book> findByPagesGreaterThanEqual(int pages);", "FIND_BY_PAGES_GREATER_THAN_EQUAL",
        "SELECT data FROM {{table}} WHERE ((data #>> '{pages}')::numeric) >= ?");
    book("List<Book> findByPriceLessThan(java.math.BigDecimal price);", "FIND_BY_PRICE_LESS_THAN",
        "SELECT data FROM {{table}} WHERE ((data #>> '{price}')::numeric) < ?");
    book("List<Book> findByAddedAtAfter(java.time.Instant after);", "FIND_BY_ADDED_AT_AFTER",
        "SELECT data FROM {{table}} WHERE " + date("addedAt", "timestamptz") + " > ?");
    book("List<Book> findByPublishedBetween(java.time.LocalDate from, java.time.LocalDate to);", "FIND_BY_PUBLISHED_BETWEEN",
        "SELECT data FROM {{table}} WHERE " + date("published", "date") + " BETWEEN ? AND ?");
    book("List<Book> findByTitleIn(Collection<String> titles);", "FIND_BY_TITLE_IN",
        "SELECT data FROM {{table}} WHERE (data #>> '{title}') = ANY (?::text[])");
    book("List<Book> findByAuthorCountryIn(Collection<String> countries);", "FIND_BY_AUTHOR_COUNTRY_IN",
        "SELECT data FROM {{table}} WHERE \"author_country\" = ANY (lower(?::text[]::text)::text[])");
    book("List<Book> findByPagesNotIn(int[] pages);", "FIND_BY_PAGES_NOT_IN",
        "SELECT data FROM {{table}} WHERE NOT (((data #>> '{pages}')::numeric) = ANY (?::numeric[]))");
    book("List<Book> findBySeriesIsNull();", "FIND_BY_SERIES_IS_NULL",
        "SELECT data FROM {{table}} WHERE (data #>> '{series}') IS NULL");
    book("List<Book> findByIsbnIsNotNull();", "FIND_BY_ISBN_IS_NOT_NULL",
        "SELECT data FROM {{table}} WHERE \"isbn\" IS NOT NULL");
    book("List<Book> findByTitleStartingWith(String prefix);", "FIND_BY_TITLE_STARTING_WITH",
        "SELECT data FROM {{table}} WHERE (data #>> '{title}') LIKE ?");
    book("List<Book> findByTitleEndingWithIgnoreCase(String suffix);", "FIND_BY_TITLE_ENDING_WITH_IGNORE_CASE",
        "SELECT data FROM {{table}} WHERE (data #>> '{title}') ILIKE ?");
    book("List<Book> findByTitleContaining(String text);", "FIND_BY_TITLE_CONTAINING",
        "SELECT data FROM {{table}} WHERE (data #>> '{title}') LIKE ?");
    book("List<Book> findByTitleNotContaining(String text);", "FIND_BY_TITLE_NOT_CONTAINING",
        "SELECT data FROM {{table}} WHERE (data #>> '{title}') NOT LIKE ?");
    book("List<Book> findByTitleLike(String pattern);", "FIND_BY_TITLE_LIKE",
        "SELECT data FROM {{table}} WHERE (data #>> '{title}') LIKE ?");
    book("List<Book> findByTitleNotLike(String pattern);", "FIND_BY_TITLE_NOT_LIKE",
        "SELECT data FROM {{table}} WHERE (data #>> '{title}') NOT LIKE ?");
    book("List<Book> findByAuthorNameIgnoreCase(String name);", "FIND_BY_AUTHOR_NAME_IGNORE_CASE",
        "SELECT data FROM {{table}} WHERE lower((data #>> '{author,name}')) = lower(?)");
    book("List<Book> findByAuthorCountryStartingWith(String prefix);", "FIND_BY_AUTHOR_COUNTRY_STARTING_WITH",
        "SELECT data FROM {{table}} WHERE \"author_country\" LIKE lower(?)");
    book("List<Book> findByGenresContaining(String genre);", "FIND_BY_GENRES_CONTAINING",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb");
    book("List<Book> findByGenresNotContaining(String genre);", "FIND_BY_GENRES_NOT_CONTAINING",
        "SELECT data FROM {{table}} WHERE NOT (data @> ?::jsonb)");
    book("List<Book> findByInPrintTrue();", "FIND_BY_IN_PRINT_TRUE",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb");
    book("List<Book> findByInPrintFalseAndPagesLessThan(int pages);", "FIND_BY_IN_PRINT_FALSE_AND_PAGES_LESS_THAN",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb AND ((data #>> '{pages}')::numeric) < ?");
    book("List<Book> findByTitleOrIsbn(String title, String isbn);", "FIND_BY_TITLE_OR_ISBN",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb OR \"isbn\" = ?");
    book("List<Book> findByTitleOrIsbnAllIgnoreCase(String title, String isbn);", "FIND_BY_TITLE_OR_ISBN_ALL_IGNORE_CASE",
        "SELECT data FROM {{table}} WHERE lower((data #>> '{title}')) = lower(?) OR lower(\"isbn\") = lower(?)");
    book("List<Book> findByFormatOrderByTitleAscPagesDesc(Book.Format format);", "FIND_BY_FORMAT_ORDER_BY_TITLE_ASC_PAGES_DESC",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb ORDER BY (data #>> '{title}') ASC, ((data #>> '{pages}')::numeric) DESC");
    book("List<Book> findByAuthorCountryOrderByAuthorCountry(String country);", "FIND_BY_AUTHOR_COUNTRY_ORDER_BY_AUTHOR_COUNTRY",
        "SELECT data FROM {{table}} WHERE \"author_country\" = lower(?) ORDER BY (data #>> '{author,country}') ASC");
    book("List<Book> findTop3ByOrderByPagesDesc();", "FIND_TOP3_BY_ORDER_BY_PAGES_DESC",
        "SELECT data FROM {{table}} ORDER BY ((data #>> '{pages}')::numeric) DESC LIMIT 3");
    book("Optional<Book> findFirstByFormatOrderByPublished(Book.Format format);", "FIND_FIRST_BY_FORMAT_ORDER_BY_PUBLISHED",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb ORDER BY " + date("published", "date") + " ASC LIMIT 1");
    book("List<Book> findTop5ByFormat(Book.Format format, Sort sort);", "FIND_TOP5_BY_FORMAT",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb");
    book("Page<Book> findByTitleEndingWith(String suffix, PageRequest page);", "FIND_BY_TITLE_ENDING_WITH",
        "SELECT data FROM {{table}} WHERE (data #>> '{title}') LIKE ?");
    book("long countByFormat(Book.Format format);", "COUNT_BY_FORMAT",
        "SELECT count(*) FROM {{table}} WHERE data @> ?::jsonb");
    book("boolean existsByIsbn(String isbn);", "EXISTS_BY_ISBN",
        "SELECT count(*) FROM (SELECT 1 FROM {{table}} WHERE \"isbn\" = ? LIMIT 1) x");
    book("long deleteByInPrintFalse();", "DELETE_BY_IN_PRINT_FALSE",
        "DELETE FROM {{table}} WHERE data @> ?::jsonb");
    book("Stream<Book> streamByPagesGreaterThan(int pages);", "STREAM_BY_PAGES_GREATER_THAN",
        "SELECT data FROM {{table}} WHERE ((data #>> '{pages}')::numeric) > ?");
    book("List<Book> findAllByOrderByIsbn();", "FIND_ALL_BY_ORDER_BY_ISBN",
        "SELECT data FROM {{table}} ORDER BY \"isbn\" ASC");
    book("record TitleAndCountry(String title, String authorCountry) {}", null, null);
    book("List<TitleAndCountry> findByPagesLessThanOrderByTitle(int pages);", "FIND_BY_PAGES_LESS_THAN_ORDER_BY_TITLE",
        "SELECT jsonb_build_object('title', data #> '{title}', 'authorCountry', data #> '{author,country}') FROM {{table}} WHERE ((data #>> '{pages}')::numeric) < ? ORDER BY (data #>> '{title}') ASC");
    book("@Query(\"author.country = :country and format in :formats\") List<Book> inCountry(String country, Set<Book.Format> formats);", "IN_COUNTRY",
        "SELECT data FROM {{table}} WHERE \"author_country\" = lower(?) AND (data #>> '{format}') = ANY (?::text[])");
    book("@Query(value = \"pages between :low and :high\", orderBy = \"pages desc\") List<Book> pagesBetween(int low, int high);", "PAGES_BETWEEN",
        "SELECT data FROM {{table}} WHERE ((data #>> '{pages}')::numeric) BETWEEN ? AND ? ORDER BY ((data #>> '{pages}')::numeric) DESC");
    book("@Query(value = \"not inPrint\", orderBy = \"title\") List<Book> outOfPrint();", "OUT_OF_PRINT",
        "SELECT data FROM {{table}} WHERE NOT (data @> ?::jsonb) ORDER BY (data #>> '{title}') ASC");
    book("@Query(\"genres contains :genre and not (author.name = 'Lem')\") List<Book> genreNotLem(String genre);", "GENRE_NOT_LEM",
        "SELECT data FROM {{table}} WHERE data @> ?::jsonb AND NOT (data @> ?::jsonb)");
    book("@Query(\"title ilike :pattern or isbn = :isbn\") List<Book> titleLikeOrIsbn(String pattern, String isbn);", "TITLE_LIKE_OR_ISBN",
        "SELECT data FROM {{table}} WHERE (data #>> '{title}') ILIKE ? OR \"isbn\" = ?");
    book("@Query(value = \"series is null and price > 4.15\", orderBy = \"price desc, title\") List<Book> standaloneAbove();", "STANDALONE_ABOVE",
        "SELECT data FROM {{table}} WHERE (data #>> '{series}') IS NULL AND ((data #>> '{price}')::numeric) > ? ORDER BY ((data #>> '{price}')::numeric) DESC, (data #>> '{title}') ASC");
    book("@Query(value = \"published < '1960-01-01' and pages = 12\", limit = 2) List<Book> early();", "EARLY",
        "SELECT data FROM {{table}} WHERE " + date("published", "date") + " < ?::date AND data @> ?::jsonb LIMIT 2");
    book("@Query(\"format = 'HARDCOVER' and inPrint = true\") long countHardcoversInPrint();", "COUNT_HARDCOVERS_IN_PRINT",
        "SELECT count(*) FROM {{table}} WHERE data @> ?::jsonb AND data @> ?::jsonb");
    book("@Query(\"isbn = :isbn\") boolean hasIsbn(String isbn);", "HAS_ISBN",
        "SELECT count(*) FROM (SELECT 1 FROM {{table}} WHERE \"isbn\" = ? LIMIT 1) x");
    book("@Query(\"author.country not in :countries and title != :title\") Page<Book> notFrom(List<String> countries, String title, PageRequest page);", "NOT_FROM",
        "SELECT data FROM {{table}} WHERE NOT (\"author_country\" = ANY (lower(?::text[]::text)::text[])) AND (data #>> '{title}') <> ?");
    book("@Query(\"title like 'The%' and series is not null\") List<Book> theSeries();", "THE_SERIES",
        "SELECT data FROM {{table}} WHERE (data #>> '{title}') LIKE ? AND (data #>> '{series}') IS NOT NULL");
    book("@Query(\"addedAt >= '2020-01-01T00:00:00Z'\") List<Book> addedSince2020();", "ADDED_SINCE2020",
        "SELECT data FROM {{table}} WHERE " + date("addedAt", "timestamptz") + " >= ?::timestamptz");
    note("List<Note> findByText(String text);", "FIND_BY_TEXT",
        "SELECT data FROM {{table}} WHERE deleted_at IS NULL AND (data @> ?::jsonb)");
    note("List<Note> findByRankGreaterThan(long rank);", "FIND_BY_RANK_GREATER_THAN",
        "SELECT data FROM {{table}} WHERE deleted_at IS NULL AND (\"rank\" > ?)");
    note("long countByText(String text);", "COUNT_BY_TEXT",
        "SELECT count(*) FROM {{table}} WHERE deleted_at IS NULL AND (data @> ?::jsonb)");
    note("boolean existsByRank(long rank);", "EXISTS_BY_RANK",
        "SELECT count(*) FROM (SELECT 1 FROM {{table}} WHERE deleted_at IS NULL AND (\"rank\" = ?) LIMIT 1) x");
    note("long deleteByRank(long rank);", "DELETE_BY_RANK",
        "UPDATE {{table}} SET deleted_at = now() WHERE deleted_at IS NULL AND (\"rank\" = ?)");
    note("void deleteByTextStartingWith(String prefix);", "DELETE_BY_TEXT_STARTING_WITH",
        "UPDATE {{table}} SET deleted_at = now() WHERE deleted_at IS NULL AND ((data #>> '{text}') LIKE ?)");
    note("List<Note> findAllByOrderByRankDesc();", "FIND_ALL_BY_ORDER_BY_RANK_DESC",
        "SELECT data FROM {{table}} WHERE deleted_at IS NULL ORDER BY \"rank\" DESC");
    note("@Query(\"text = :a or rank < 3\") List<Note> eitherOf(String a);", "EITHER_OF",
        "SELECT data FROM {{table}} WHERE deleted_at IS NULL AND (data @> ?::jsonb OR \"rank\" < ?)");
  }

  /**
   * A JSON-only date or time as every query reads it: cast only when its year has four digits, so one
   * stored Instant.MIN sorts first instead of failing the query for every row.
   */
  private static String date(String property, String type) {
    String text = "(data #>> '{" + property + "}')";
    return "(CASE WHEN " + text + " ~ '^[0-9]{4}-' AND " + text + " !~ '^0000' THEN " + text + "::" + type
        + " WHEN " + text + " ~ '^(-|0000)' THEN '-infinity'::" + type + " WHEN " + text + " ~ '^[+]' THEN 'infinity'::"
        + type + " END)";
  }

  @Test
  void everyShapeHasItsPinnedSql() throws IOException {
    Map<String, String> actual = new LinkedHashMap<>();
    actual.putAll(compile("BookRepository", "Book", "java.util.UUID", BOOKS));
    actual.putAll(compile("NoteRepository", "Note", "String", NOTES));
    // Pinned as a store without conjoined tenants sends them: tenant markers removed (see tenantMarkers...).
    actual.replaceAll((constant, sql) -> Statements.qualify(sql, Statements.TABLE));
    List<String> mismatches = new ArrayList<>();
    Map<String, String> expected = new LinkedHashMap<>();
    for (String pinned : concat(BOOKS.values(), NOTES.values())) {
      if (pinned != null) {
        expected.put(pinned.substring(0, pinned.indexOf('=')), pinned.substring(pinned.indexOf('=') + 1));
      }
    }
    expected.putAll(PINNED);
    expected.forEach((constant, sql) -> {
      if (!sql.equals(actual.get(constant))) {
        mismatches.add(constant + "\n  expected: " + sql + "\n  actual:   " + actual.get(constant));
      }
    });
    assertThat(mismatches).isEmpty();
    assertThat(actual.keySet()).as("every constant is pinned").containsExactlyInAnyOrderElementsOf(expected.keySet());
    assertThat(expected.size()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void everyConditionCarriesTheTenantMarkersTheStoreFills() throws IOException {
    Map<String, String> raw = compile("NoteRepository", "Note", "String", NOTES);
    assertThat(raw.get("FIND_BY_TEXT")).isEqualTo(
        "SELECT data FROM {{table}} WHERE {{tenant and}}deleted_at IS NULL AND (data @> ?::jsonb){{tenant end}}");
  }

  private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, String> compile(String repository, String document, String id, Map<String, String> methods)
      throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Query;",
        "import io.rillflow.*;",
        "import io.rillflow.query.*;",
        "import java.util.*;",
        "import java.util.stream.Stream;",
        "",
        "@io.rillflow.annotations.Repository",
        "public interface " + repository + " extends io.rillflow.DocumentRepository<" + document + ", " + id + "> {"));
    methods.keySet().forEach(m -> lines.add("  " + m));
    lines.add("}");
    Compilation compilation = javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing")
        .compile(BOOK, NOTE, JavaFileObjects.forSourceLines("com.acme." + repository, lines));
    assertThat(compilation).succeededWithoutWarnings();
    String source = compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, "com.acme", repository + "Impl.java")
        .orElseThrow().getCharContent(true).toString();
    Map<String, String> constants = new LinkedHashMap<>();
    Matcher matcher = Pattern.compile("static final String (\\w+) = \"((?:[^\"\\\\]|\\\\.)*)\";").matcher(source);
    while (matcher.find()) {
      constants.put(matcher.group(1), matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    return constants;
  }
}
