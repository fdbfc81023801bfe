package io.rillflow.tests.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.RillflowException;
import io.rillflow.spi.AbstractDocumentRepository;
import io.rillflow.spi.RepositorySupport;
import io.rillflow.test.RillflowTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** single() means exactly one everywhere; first() and optional() are the maybe-forms. */
class SingleResultTest extends RillflowTestBase {

  @BeforeEach
  void fill() {
    Library.fill(store());
  }

  @Test
  void aDynamicQuerysSingleRefusesNoneAndMany() {
    assertThat(store().querySession().query(Book.class).where(Book_.title.eq("Dune")).single().title()).isEqualTo("Dune");
    assertThatThrownBy(() -> store().querySession().query(Book.class).where(Book_.title.eq("None")).single())
        .isInstanceOf(RillflowException.class).hasMessageContaining("found none");
    assertThatThrownBy(() -> store().querySession().query(Book.class).where(Book_.format.eq(Format.EBOOK)).single())
        .isInstanceOf(RillflowException.class).hasMessageContaining("more than one");
    assertThat(store().querySession().query(Book.class).where(Book_.title.eq("None")).first()).isEmpty();
  }

  @Test
  void aCompiledQueryCallsSingleRefusesNoneAndMany() {
    RepositorySupport support = (RepositorySupport) store();
    String byTitle = "SELECT data FROM " + AbstractDocumentRepository.TABLE + " WHERE data->>'title' = ?";
    assertThat(support.queryCall(Book.class, byTitle, null).bind("Dune").single().title()).isEqualTo("Dune");
    assertThatThrownBy(() -> support.queryCall(Book.class, byTitle, null).bind("None").single())
        .isInstanceOf(RillflowException.class).hasMessage("Expected exactly one Book but found none");
    assertThat(support.queryCall(Book.class, byTitle, null).bind("None").optional()).isEmpty();
    String all = "SELECT data FROM " + AbstractDocumentRepository.TABLE;
    assertThatThrownBy(() -> support.queryCall(Book.class, all, null).single())
        .isInstanceOf(RillflowException.class).hasMessageContaining("more than one");
    assertThatThrownBy(() -> support.queryCall(Book.class, all, null).optional())
        .isInstanceOf(RillflowException.class).hasMessageContaining("more than one");
  }

  @Test
  void repositoryMethodsAnswerNullOrEmptyForNoneAndRefuseMany() {
    BookRepository books = store().repository(BookRepository.class);
    assertThat(books.findByTitle("None")).isNull();
    assertThat(books.findByIsbn("none")).isEmpty();
    assertThatThrownBy(() -> books.findByIsbnStartingWithAndPagesGreaterThan("978", 0))
        .isInstanceOf(RillflowException.class).hasMessageContaining("more than one");
  }
}
