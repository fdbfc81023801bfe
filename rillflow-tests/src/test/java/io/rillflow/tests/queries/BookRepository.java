package io.rillflow.tests.queries;

import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.query.Page;
import io.rillflow.query.PageRequest;
import io.rillflow.query.Sort;
import io.rillflow.annotations.Query;
import io.rillflow.annotations.Repository;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/** The compile-time half of the query corpus: derived names and @Query, checked by the processor. */
@Repository
public interface BookRepository extends DocumentRepository<Book, UUID> {

  @Override
  BookRepository in(DocumentSession session);

  // --- derived: equality, columns, nested paths
  Optional<Book> findByIsbn(String isbn);
  Book findByTitle(String title);
  List<Book> findByFormat(Format format);
  List<Book> findByAuthorCountryOrderByTitleAsc(String country);
  List<Book> findByAuthorNameOrderByPublishedDesc(String name);
  List<Book> findByPages(int pages);
  List<Book> findByPrice(BigDecimal price);
  List<Book> findByPublished(LocalDate published);
  List<Book> findBySeriesIsNullOrderByTitle();
  List<Book> findBySeriesIsNotNullOrderByTitle();

  // --- derived: comparisons
  List<Book> findByPagesGreaterThanOrderByTitle(int pages);
  List<Book> findByPagesLessThanEqualOrderByTitle(int pages);
  List<Book> findByRatingGreaterThanEqualOrderByTitle(double rating);
  List<Book> findByPriceLessThanOrderByTitle(BigDecimal price);
  List<Book> findByPublishedBetweenOrderByTitle(LocalDate from, LocalDate to);
  List<Book> findByAddedAtAfterOrderByTitle(Instant after);
  List<Book> findByAuthorBornBeforeOrderByTitle(int year);
  List<Book> findByFormatNotOrderByTitle(Format format);

  // --- derived: in, strings, ignore case
  List<Book> findByAuthorCountryInOrderByTitle(Collection<String> countries);
  List<Book> findByPagesInOrderByTitle(int[] pages);
  List<Book> findByFormatNotInOrderByTitle(Set<Format> formats);
  List<Book> findByTitleStartingWithOrderByTitle(String prefix);
  List<Book> findByTitleEndingWith(String suffix);
  List<Book> findByTitleContainingIgnoreCaseOrderByTitle(String text);
  List<Book> findByTitleLikeOrderByTitle(String pattern);
  List<Book> findByAuthorNameIgnoreCase(String name);
  List<Book> findByTitleNotContainingAndFormatOrderByTitle(String text, Format format);

  // --- derived: collections, booleans, and/or
  List<Book> findByGenresContainingOrderByTitle(String genre);
  List<Book> findByInPrintFalseOrderByTitle();
  List<Book> findByInPrintTrueAndAuthorCountryOrderByTitle(String country);
  List<Book> findByAuthorCountryAndFormatOrderByTitle(String country, Format format);
  List<Book> findByFormatOrPagesGreaterThanOrderByTitle(Format format, int pages);

  // --- derived: subjects, limits, paging, sorting, streams
  long countByAuthorCountry(String country);
  int countByInPrintTrue();
  boolean existsByIsbn(String isbn);
  List<Book> findTop3ByOrderByPagesDesc();
  Optional<Book> findFirstByAuthorCountryOrderByRatingDesc(String country);
  Page<Book> findByFormat(Format format, PageRequest page);
  List<Book> findByAuthorCountry(String country, Sort sort);
  Stream<Book> streamByGenresContaining(String genre);
  long deleteByInPrintFalse();

  // --- projections
  record TitleAndPages(String title, int pages) {}

  record TitleAndCountry(String title, String authorCountry) {}

  List<TitleAndPages> findByAuthorCountryOrderByPagesAsc(String country);
  Optional<TitleAndCountry> findByIsbnStartingWithAndPagesGreaterThan(String prefix, int pages);

  // --- @Query
  @Query("author.country = :country and format in :formats")
  List<Book> inCountryWithFormats(String country, Set<Format> formats);

  @Query(value = "pages between :low and :high", orderBy = "pages desc")
  List<Book> pagesBetween(int low, int high);

  @Query(value = "not inPrint", orderBy = "title")
  List<Book> outOfPrint();

  @Query(value = "genres contains :genre and not (author.country = 'UK')", orderBy = "title")
  List<Book> genreOutsideUk(String genre);

  @Query(value = "title ilike :pattern or isbn = :isbn", orderBy = "title asc")
  List<Book> titleLikeOrIsbn(String pattern, String isbn);

  @Query(value = "series is null and rating > 4.15", orderBy = "rating desc, title")
  List<Book> standaloneAbove();

  @Query(value = "format = 'HARDCOVER' and price >= :min", orderBy = "price")
  List<Book> hardcoversFrom(BigDecimal min);

  @Query(value = "published < :before", orderBy = "published", limit = 2)
  List<Book> oldest(LocalDate before);

  @Query("author.name like 'Ursula%'")
  long countUrsula();

  @Query("isbn = :isbn and inPrint = true")
  boolean inPrintIsbn(String isbn);

  @Query(value = "series is not null and series != 'Dune'", orderBy = "series, title")
  List<TitleAndPages> seriesOtherThanDune();

  List<Book> findByTitleOrIsbnAllIgnoreCaseOrderByTitle(String title, String isbn);

  @Query(value = "published < '1960-01-01' and genres contains 'fantasy'", orderBy = "published")
  List<Book> earlyFantasy();

  @Query(value = "author.country not in :countries", orderBy = "title")
  Page<Book> notFrom(List<String> countries, PageRequest page);
}
