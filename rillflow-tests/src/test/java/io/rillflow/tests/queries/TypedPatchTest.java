package io.rillflow.tests.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentMetadata;
import io.rillflow.DocumentSession;
import io.rillflow.test.RillflowTestBase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Patches through the metamodel, checked by the compiler; by name, checked against the mapping
 * before anything is queued. Each refused name is one a user wrote and lost data or hours to.
 */
class TypedPatchTest extends RillflowTestBase {
  private Book book;

  @BeforeEach
  void oneBook() {
    book = Library.BOOKS.get(0);
    try (DocumentSession session = store().lightweightSession()) {
      session.store(book);
      session.saveChanges();
    }
  }

  private Book stored() {
    return store().querySession().load(Book.class, book.id()).orElseThrow();
  }

  private long version() {
    return store().querySession().metadata(Book.class, book.id()).map(DocumentMetadata::version).orElseThrow();
  }

  private String json() {
    return io.rillflow.tests.events.RawSql.column(store(), "SELECT data::text FROM doc_book").get(0);
  }

  @Test
  void metamodelPathsSetIncrementAndRemove() {
    try (DocumentSession session = store().lightweightSession()) {
      session.patch(Book.class, book.id()).set(Book_.author.country, "FR").increment(Book_.pages, 1)
          .set(Book_.genres, List.of("patched")).remove(Book_.series);
      session.saveChanges();
    }
    Book patched = stored();
    assertThat(patched.author().country()).isEqualTo("FR");
    assertThat(patched.pages()).isEqualTo(book.pages() + 1);
    assertThat(patched.genres()).containsExactly("patched");
    assertThat(patched.series()).isNull();
    assertThat(store().querySession().query(Book.class).where(Book_.author.country.eq("FR")).list())
        .as("the duplicated column follows").extracting(Book::id).containsExactly(book.id());
  }

  @Test
  void aTypoInAPathIsRefusedAndTheVersionStays() {
    try (DocumentSession session = store().lightweightSession()) {
      assertThatThrownBy(() -> session.patch(Book.class, book.id()).set("autor.country", "FR"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Book has no member \"autor.country\"");
      session.saveChanges();
    }
    assertThat(version()).isEqualTo(1);
    assertThat(stored()).isEqualTo(book);
  }

  @Test
  void anUnknownPropertyIsNeverAdded() {
    try (DocumentSession session = store().lightweightSession()) {
      assertThatThrownBy(() -> session.patch(Book.class, book.id()).set("titel", "Junk"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"titel\"");
      assertThatThrownBy(() -> session.patch(Book.class, book.id()).remove("titel"))
          .isInstanceOf(IllegalArgumentException.class);
      session.saveChanges();
    }
    assertThat(json()).doesNotContain("titel");
  }

  @Test
  void aValueOfTheWrongJsonTypeIsRefusedSoLaterLoadsStillWork() {
    try (DocumentSession session = store().lightweightSession()) {
      assertThatThrownBy(() -> session.patch(Book.class, book.id()).set("pages", "many"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Book.pages").hasMessageContaining("a JSON number (Integer)")
          .hasMessageContaining("a JSON string");
      assertThatThrownBy(() -> session.patch(Book.class, book.id()).increment("title", 1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot increment Book.title");
      assertThatThrownBy(() -> session.patch(Book.class, book.id()).set("genres", "not a list"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a JSON array");
      session.saveChanges();
    }
    assertThat(stored()).isEqualTo(book);
    assertThat(version()).isEqualTo(1);
  }

  @Test
  void namedPathsThatFitStillWork() {
    try (DocumentSession session = store().lightweightSession()) {
      session.patch(Book.class, book.id()).set("author.country", "DE").increment("pages", 2).set("series", null);
      session.saveChanges();
    }
    assertThat(stored().author().country()).isEqualTo("DE");
    assertThat(stored().pages()).isEqualTo(book.pages() + 2);
  }
}
