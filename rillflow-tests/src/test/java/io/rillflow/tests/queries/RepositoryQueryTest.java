package io.rillflow.tests.queries;

import static io.rillflow.tests.queries.Library.titles;
import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.query.Page;
import io.rillflow.query.PageRequest;
import io.rillflow.query.Sort;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.queries.BookRepository.TitleAndCountry;
import io.rillflow.tests.queries.BookRepository.TitleAndPages;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compile-time half of the query corpus: every BookRepository method against twelve known books. */
class RepositoryQueryTest extends RillflowTestBase {
  private BookRepository books;

  @BeforeEach
  void fill() {
    Library.fill(store());
    books = store().repository(BookRepository.class);
  }

  @Test
  void derivedEquality() {
    assertThat(books.findByIsbn("978-0-07").map(Book::title)).contains("Solaris");
    assertThat(books.findByIsbn("none")).isEmpty();
    assertThat(books.findByTitle("Dune").isbn()).isEqualTo("978-0-05");
    assertThat(books.findByTitle("No Such Book")).isNull();
    assertThat(titles(books.findByFormat(Format.EBOOK))).containsExactlyInAnyOrder("The Left Hand of Darkness", "Solaris", "Carrie");
    assertThat(titles(books.findByAuthorCountryOrderByTitleAsc("PL"))).containsExactly("Solaris", "The Cyberiad");
    assertThat(titles(books.findByAuthorNameOrderByPublishedDesc("Frank Herbert"))).containsExactly("Dune Messiah", "Dune");
    assertThat(titles(books.findByPages(412))).containsExactly("Dune");
    assertThat(titles(books.findByPrice(new BigDecimal("24")))).containsExactly("Dune");
    assertThat(titles(books.findByPublished(LocalDate.parse("1965-08-01")))).containsExactly("Dune");
    assertThat(titles(books.findBySeriesIsNullOrderByTitle()))
        .containsExactly("Carrie", "Solaris", "The Cyberiad", "The Left Hand of Darkness", "The Shining");
    assertThat(books.findBySeriesIsNotNullOrderByTitle()).hasSize(7);
  }

  @Test
  void derivedComparisons() {
    assertThat(titles(books.findByPagesGreaterThanOrderByTitle(420))).containsExactly("The Fellowship of the Ring", "The Shining");
    assertThat(titles(books.findByPagesLessThanEqualOrderByTitle(199))).containsExactly("A Wizard of Earthsea", "Carrie");
    assertThat(titles(books.findByRatingGreaterThanEqualOrderByTitle(4.6)))
        .containsExactly("Dune", "Small Gods", "The Fellowship of the Ring", "The Hobbit");
    assertThat(titles(books.findByPriceLessThanOrderByTitle(new BigDecimal("7")))).containsExactly("Carrie", "Solaris");
    assertThat(titles(books.findByPublishedBetweenOrderByTitle(LocalDate.parse("1965-01-01"), LocalDate.parse("1965-12-31"))))
        .containsExactly("Dune", "The Cyberiad");
    assertThat(titles(books.findByAddedAtAfterOrderByTitle(Instant.parse("2039-01-01T00:00:00Z"))))
        .containsExactly("Guards! Guards!", "Small Gods");
    assertThat(titles(books.findByAuthorBornBeforeOrderByTitle(1900))).containsExactly("The Fellowship of the Ring", "The Hobbit");
    assertThat(titles(books.findByFormatNotOrderByTitle(Format.PAPERBACK))).containsExactly(
        "Carrie", "Dune", "Small Gods", "Solaris", "The Hobbit", "The Left Hand of Darkness", "The Shining");
  }

  @Test
  void derivedInStringsAndIgnoreCase() {
    assertThat(titles(books.findByAuthorCountryInOrderByTitle(List.of("PL", "UK")))).containsExactly(
        "Guards! Guards!", "Small Gods", "Solaris", "The Cyberiad", "The Fellowship of the Ring", "The Hobbit");
    assertThat(titles(books.findByPagesInOrderByTitle(new int[] {183, 199, 9999}))).containsExactly("A Wizard of Earthsea", "Carrie");
    assertThat(titles(books.findByFormatNotInOrderByTitle(Set.of(Format.PAPERBACK, Format.EBOOK))))
        .containsExactly("Dune", "Small Gods", "The Hobbit", "The Shining");
    assertThat(titles(books.findByTitleStartingWithOrderByTitle("The "))).containsExactly(
        "The Cyberiad", "The Fellowship of the Ring", "The Hobbit", "The Left Hand of Darkness", "The Shining");
    assertThat(titles(books.findByTitleEndingWith("Gods"))).containsExactly("Small Gods");
    assertThat(titles(books.findByTitleContainingIgnoreCaseOrderByTitle("DUNE"))).containsExactly("Dune", "Dune Messiah");
    assertThat(titles(books.findByTitleLikeOrderByTitle("_une%"))).containsExactly("Dune", "Dune Messiah");
    assertThat(books.findByAuthorNameIgnoreCase("terry pratchett")).hasSize(2);
    assertThat(titles(books.findByTitleNotContainingAndFormatOrderByTitle("The", Format.PAPERBACK)))
        .containsExactly("A Wizard of Earthsea", "Dune Messiah", "Guards! Guards!");
    assertThat(books.findByTitleStartingWithOrderByTitle("100%")).isEmpty();
  }

  @Test
  void derivedCollectionsBooleansAndJunctions() {
    assertThat(titles(books.findByGenresContainingOrderByTitle("humour"))).containsExactly("Guards! Guards!", "Small Gods", "The Cyberiad");
    assertThat(titles(books.findByInPrintFalseOrderByTitle())).containsExactly("Carrie", "Dune Messiah", "The Cyberiad");
    assertThat(titles(books.findByInPrintTrueAndAuthorCountryOrderByTitle("US")))
        .containsExactly("A Wizard of Earthsea", "Dune", "The Left Hand of Darkness", "The Shining");
    assertThat(titles(books.findByAuthorCountryAndFormatOrderByTitle("US", Format.HARDCOVER))).containsExactly("Dune", "The Shining");
    assertThat(titles(books.findByFormatOrPagesGreaterThanOrderByTitle(Format.EBOOK, 420))).containsExactly(
        "Carrie", "Solaris", "The Fellowship of the Ring", "The Left Hand of Darkness", "The Shining");
  }

  @Test
  void derivedSubjectsLimitsPagesSortsAndStreams() {
    assertThat(books.countByAuthorCountry("US")).isEqualTo(6);
    assertThat(books.countByInPrintTrue()).isEqualTo(9);
    assertThat(books.existsByIsbn("978-0-01")).isTrue();
    assertThat(books.existsByIsbn("none")).isFalse();
    assertThat(titles(books.findTop3ByOrderByPagesDesc())).containsExactly("The Shining", "The Fellowship of the Ring", "Guards! Guards!");
    assertThat(books.findFirstByAuthorCountryOrderByRatingDesc("UK").map(Book::title)).contains("The Fellowship of the Ring");

    Page<Book> page = books.findByFormat(Format.PAPERBACK, PageRequest.of(1, 2, Sort.by("title")));
    assertThat(titles(page.items())).containsExactly("Guards! Guards!", "The Cyberiad");
    assertThat(page.totalElements()).isEqualTo(5);
    assertThat(page.totalPages()).isEqualTo(3);

    assertThat(titles(books.findByAuthorCountry("PL", Sort.desc("pages")))).containsExactly("The Cyberiad", "Solaris");
    try (Stream<Book> epic = books.streamByGenresContaining("epic")) {
      assertThat(epic.map(Book::title)).containsExactlyInAnyOrder("The Fellowship of the Ring", "Dune");
    }
  }

  @Test
  void derivedDeleteRemovesTheMatchesOnly() {
    assertThat(books.deleteByInPrintFalse()).isEqualTo(3);
    assertThat(books.count()).isEqualTo(9);
    assertThat(books.findByInPrintFalseOrderByTitle()).isEmpty();
  }

  @Test
  void projectionsSelectOnlyTheirPaths() {
    assertThat(books.findByAuthorCountryOrderByPagesAsc("PL"))
        .containsExactly(new TitleAndPages("Solaris", 204), new TitleAndPages("The Cyberiad", 295));
    assertThat(books.findByIsbnStartingWithAndPagesGreaterThan("978-0-1", 440)).contains(new TitleAndCountry("The Shining", "US"));
    assertThat(books.seriesOtherThanDune()).containsExactly(
        new TitleAndPages("Guards! Guards!", 416), new TitleAndPages("Small Gods", 400),
        new TitleAndPages("A Wizard of Earthsea", 183), new TitleAndPages("The Fellowship of the Ring", 423),
        new TitleAndPages("The Hobbit", 310));
  }

  @Test
  void queryAnnotations() {
    assertThat(titles(books.inCountryWithFormats("US", Set.of(Format.HARDCOVER, Format.EBOOK))))
        .containsExactlyInAnyOrder("The Left Hand of Darkness", "Dune", "The Shining", "Carrie");
    assertThat(titles(books.pagesBetween(300, 420)))
        .containsExactly("Guards! Guards!", "Dune", "Small Gods", "The Hobbit", "The Left Hand of Darkness");
    assertThat(titles(books.outOfPrint())).containsExactly("Carrie", "Dune Messiah", "The Cyberiad");
    assertThat(titles(books.genreOutsideUk("fantasy"))).containsExactly("A Wizard of Earthsea");
    assertThat(titles(books.titleLikeOrIsbn("%DARK%", "978-0-07"))).containsExactly("Solaris", "The Left Hand of Darkness");
    assertThat(titles(books.standaloneAbove())).containsExactly("The Left Hand of Darkness", "The Shining", "Solaris");
    assertThat(titles(books.hardcoversFrom(new BigDecimal("20")))).containsExactly("Small Gods", "Dune");
    assertThat(titles(books.oldest(LocalDate.parse("1970-01-01")))).containsExactly("The Hobbit", "The Fellowship of the Ring");
    assertThat(books.countUrsula()).isEqualTo(2);
    assertThat(books.inPrintIsbn("978-0-01")).isTrue();
    assertThat(books.inPrintIsbn("978-0-06")).isFalse();
    Page<Book> notUs = books.notFrom(List.of("US"), PageRequest.of(0, 3));
    assertThat(titles(notUs.items())).containsExactly("Guards! Guards!", "Small Gods", "Solaris");
    assertThat(notUs.totalElements()).isEqualTo(6);
  }

  @Test
  void queryMethodsThroughAnOpenSessionReturnTheInstancesItHolds() {
    try (io.rillflow.DocumentSession session = store().openSession()) {
      Book dune = session.load(Book.class, Library.BOOKS.get(4).id()).orElseThrow();
      BookRepository inSession = books.in(session);
      assertThat(inSession.findByIsbn("978-0-05")).containsSame(dune);
      assertThat(inSession.findByAuthorCountryOrderByTitleAsc("US")).contains(dune).anySatisfy(b -> assertThat(b).isSameAs(dune));
      Book solaris = inSession.findByIsbn("978-0-07").orElseThrow();
      assertThat(session.load(Book.class, solaris.id()).orElseThrow()).isSameAs(solaris);
    }
  }

  @Test
  void allIgnoreCaseAppliesToEveryOrGroupAndLiteralsAreTyped() {
    assertThat(titles(books.findByTitleOrIsbnAllIgnoreCaseOrderByTitle("dune", "978-0-07"))).containsExactly("Dune", "Solaris");
    assertThat(titles(books.findByTitleOrIsbnAllIgnoreCaseOrderByTitle("SOLARIS", "none"))).containsExactly("Solaris");
    assertThat(titles(books.earlyFantasy())).containsExactly("The Hobbit", "The Fellowship of the Ring");
  }
}
