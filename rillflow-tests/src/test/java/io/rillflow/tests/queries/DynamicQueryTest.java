package io.rillflow.tests.queries;

import static io.rillflow.tests.queries.Library.titles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.query.Condition;
import io.rillflow.query.DocumentQuery;
import io.rillflow.DocumentSession;
import io.rillflow.query.Page;
import io.rillflow.RillflowException;
import io.rillflow.query.Sort;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dynamic half of the query corpus: each query against twelve known books. */
class DynamicQueryTest extends RillflowTestBase {

  @BeforeEach
  void fill() {
    Library.fill(store());
  }

  private List<String> where(Condition<Book> condition) {
    return titles(store().querySession().query(Book.class).where(condition).orderBy(Book_.title.asc()).list());
  }

  @Test
  void equalityOnJsonOnColumnsAndNested() {
    assertThat(where(Book_.title.eq("Dune"))).containsExactly("Dune");
    assertThat(where(Book_.isbn.eq("978-0-07"))).containsExactly("Solaris");
    assertThat(where(Book_.format.eq(Format.EBOOK))).containsExactly("Carrie", "Solaris", "The Left Hand of Darkness");
    assertThat(where(Book_.author.country.eq("PL"))).containsExactly("Solaris", "The Cyberiad");
    assertThat(where(Book_.author.name.eq("Stephen King"))).containsExactly("Carrie", "The Shining");
    assertThat(where(Book_.pages.eq(412))).containsExactly("Dune");
    assertThat(where(Book_.price.eq(new BigDecimal("24")))).containsExactly("Dune");
    assertThat(where(Book_.published.eq(LocalDate.parse("1965-08-01")))).containsExactly("Dune");
    assertThat(where(Book_.series.eq(null))).hasSize(5);
  }

  @Test
  void comparisonsOnNumbersDatesAndInstants() {
    assertThat(where(Book_.pages.gt(420))).containsExactly("The Fellowship of the Ring", "The Shining");
    assertThat(where(Book_.pages.le(199))).containsExactly("A Wizard of Earthsea", "Carrie");
    assertThat(where(Book_.rating.ge(4.7))).containsExactly("The Fellowship of the Ring", "The Hobbit");
    assertThat(where(Book_.price.lt(new BigDecimal("7")))).containsExactly("Carrie", "Solaris");
    assertThat(where(Book_.published.between(LocalDate.parse("1965-01-01"), LocalDate.parse("1965-12-31"))))
        .containsExactly("Dune", "The Cyberiad");
    assertThat(where(Book_.addedAt.gt(Instant.parse("2039-01-01T00:00:00Z")))).containsExactly("Guards! Guards!", "Small Gods");
    assertThat(where(Book_.author.born.lt(1900))).containsExactly("The Fellowship of the Ring", "The Hobbit");
    assertThat(where(Book_.title.gt("T"))).hasSize(5);
  }

  @Test
  void notEqualInAndNulls() {
    assertThat(where(Book_.format.ne(Format.PAPERBACK))).hasSize(7);
    assertThat(where(Book_.author.country.in("PL", "UK"))).hasSize(6);
    assertThat(where(Book_.pages.in(183, 199, 9999))).containsExactly("A Wizard of Earthsea", "Carrie");
    assertThat(where(Book_.format.in(List.of(Format.HARDCOVER)))).hasSize(4);
    assertThat(where(Book_.series.isNotNull())).hasSize(7);
    assertThat(where(Book_.series.isNull().and(Book_.author.country.eq("US")))).containsExactly("Carrie", "The Left Hand of Darkness", "The Shining");
  }

  @Test
  void stringOperatorsWithAndWithoutCase() {
    assertThat(where(Book_.title.startsWith("The "))).hasSize(5);
    assertThat(where(Book_.title.endsWith("Gods"))).containsExactly("Small Gods");
    assertThat(where(Book_.title.containsText("of the"))).containsExactly("The Fellowship of the Ring");
    assertThat(where(Book_.title.containsTextIgnoreCase("DUNE"))).containsExactly("Dune", "Dune Messiah");
    assertThat(where(Book_.title.like("_une%"))).containsExactly("Dune", "Dune Messiah");
    assertThat(where(Book_.title.likeIgnoreCase("%GUARDS%"))).containsExactly("Guards! Guards!");
    assertThat(where(Book_.author.name.eqIgnoreCase("terry pratchett"))).hasSize(2);
    assertThat(where(Book_.title.startsWithIgnoreCase("the h"))).containsExactly("The Hobbit");
    assertThat(where(Book_.isbn.startsWith("978-0-1"))).containsExactly("Carrie", "Small Gods", "The Shining");
    assertThat(where(Book_.title.containsText("100%"))).isEmpty();
  }

  @Test
  void collectionsAndBooleans() {
    assertThat(where(Book_.genres.contains("horror"))).containsExactly("The Shining");
    assertThat(where(Book_.genres.containsAll("fantasy", "humour"))).containsExactly("Guards! Guards!", "Small Gods");
    assertThat(where(Book_.genres.containsAny("philosophy", "children"))).containsExactly("Small Gods", "Solaris", "The Hobbit");
    assertThat(where(Book_.genres.isEmpty())).containsExactly("Carrie");
    assertThat(where(Book_.inPrint.isFalse())).containsExactly("Carrie", "Dune Messiah", "The Cyberiad");
    assertThat(where(Book_.inPrint.isTrue())).hasSize(9);
  }

  @Test
  void andOrNotCombine() {
    assertThat(where(Book_.author.country.eq("US").and(Book_.format.eq(Format.HARDCOVER))))
        .containsExactly("Dune", "The Shining");
    assertThat(where(Book_.format.eq(Format.EBOOK).or(Book_.pages.gt(420))))
        .containsExactly("Carrie", "Solaris", "The Fellowship of the Ring", "The Left Hand of Darkness", "The Shining");
    assertThat(where(Book_.genres.contains("fantasy").and(Book_.author.country.eq("UK").not())))
        .containsExactly("A Wizard of Earthsea");
    assertThat(where(Condition.not(Book_.inPrint.isTrue()).and(Book_.rating.lt(3.85)))).containsExactly("Carrie");
    assertThat(where(Book_.pages.lt(200).or(Book_.pages.gt(440)).and(Book_.format.eq(Format.EBOOK))))
        .containsExactly("Carrie");
  }

  @Test
  void orderingSkippingLimitingAndPaging() {
    DocumentQuery<Book> all = store().querySession().query(Book.class);
    assertThat(titles(all.orderBy(Book_.pages.desc()).limit(3).list()))
        .containsExactly("The Shining", "The Fellowship of the Ring", "Guards! Guards!");
    assertThat(titles(all.orderBy(Book_.author.country.asc(), Book_.price.desc()).limit(2).list()))
        .containsExactly("The Cyberiad", "Solaris");
    assertThat(titles(all.orderBy(Book_.published.asc()).skip(10).list())).containsExactly("Guards! Guards!", "Small Gods");
    assertThat(titles(all.orderBy(Sort.desc("rating")).limit(1).list())).containsExactly("The Fellowship of the Ring");
    Page<Book> page = all.where(Book_.format.eq(Format.PAPERBACK)).orderBy(Book_.title.asc()).page(1, 2);
    assertThat(titles(page.items())).containsExactly("Guards! Guards!", "The Cyberiad");
    assertThat(page.totalElements()).isEqualTo(5);
    assertThat(page.totalPages()).isEqualTo(3);
    assertThat(page.hasNext()).isTrue();
    assertThatThrownBy(() -> all.orderBy(Sort.by("no.such")).list())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Book has no path \"no.such\" to sort by");
  }

  @Test
  void firstSingleCountExistsAndStream() {
    DocumentQuery<Book> lem = store().querySession().query(Book.class).where(Book_.author.name.eq("Stanisław Lem"));
    assertThat(lem.count()).isEqualTo(2);
    assertThat(lem.exists()).isTrue();
    assertThat(lem.orderBy(Book_.published.asc()).first().map(Book::title)).contains("Solaris");
    assertThat(store().querySession().query(Book.class).where(Book_.isbn.eq("none")).first()).isEmpty();
    assertThat(store().querySession().query(Book.class).where(Book_.isbn.eq("none")).exists()).isFalse();
    assertThat(store().querySession().query(Book.class).where(Book_.isbn.eq("978-0-05")).single().title()).isEqualTo("Dune");
    assertThatThrownBy(lem::single).isInstanceOf(RillflowException.class).hasMessageStartingWith("Expected exactly one Book but found more than one");
    try (Stream<Book> books = lem.stream()) {
      assertThat(books.map(Book::title)).containsExactlyInAnyOrder("Solaris", "The Cyberiad");
    }
  }

  record TitleAndPages(String title, int pages) {}

  @Test
  void selectReadsAProjection() {
    List<TitleAndPages> projected = store().querySession().query(Book.class)
        .where(Book_.author.country.eq("PL")).orderBy(Book_.pages.asc()).select(TitleAndPages.class).list();
    assertThat(projected).containsExactly(new TitleAndPages("Solaris", 204), new TitleAndPages("The Cyberiad", 295));
  }

  @Test
  void queriesInAnOpenSessionReturnTheInstancesItHolds() {
    try (DocumentSession session = store().openSession()) {
      Book dune = session.load(Book.class, Library.BOOKS.get(4).id()).orElseThrow();
      Book queried = session.query(Book.class).where(Book_.isbn.eq("978-0-05")).single();
      assertThat(queried).isSameAs(dune);
    }
  }

  @Test
  void theSqlOfOneShapeIsBuiltOnceAndServesOtherValues() {
    DocumentQuery<Book> base = store().querySession().query(Book.class);
    assertThat(base.where(Book_.pages.gt(400)).count()).isEqualTo(4);
    assertThat(base.where(Book_.pages.gt(300)).count()).isEqualTo(7);
  }

  @Test
  void sortPathsAndCollectionEqualityAreRefusedBeforeReachingSql() {
    assertThatThrownBy(() -> new Sort.Order(List.of("name}', (SELECT 1/0)::text, (data #>> '{name"), null, String.class, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a property name");
    assertThatThrownBy(() -> Sort.by("title; drop table x"))
        .isInstanceOf(IllegalArgumentException.class);
    @SuppressWarnings("deprecation")
    org.assertj.core.api.ThrowableAssert.ThrowingCallable collectionEq = () -> Book_.genres.eq(List.of("horror"));
    assertThatThrownBy(collectionEq)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("eq does not apply to the collection genres; use contains, containsAll or containsAny");
  }
}
