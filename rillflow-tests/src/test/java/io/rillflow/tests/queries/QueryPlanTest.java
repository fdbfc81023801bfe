package io.rillflow.tests.queries;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.documents.TablesAccess;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What PostgreSQL plans for Rillflow's queries on 20,000 books: index scans, not table scans. */
class QueryPlanTest extends RillflowTestBase {

  @BeforeEach
  void fill() {
    List<Book> books = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      books.add(new Book(UUID.randomUUID(), "Title " + i, "isbn-" + i,
          new Author("Author " + (i % 500), i % 50 == 0 ? "IS" : "US", 1900 + i % 100), List.of("g" + (i % 200)),
          Format.values()[i % 3], 100 + i % 900, BigDecimal.valueOf(i % 40), 3 + (i % 20) / 10.0,
          LocalDate.of(1950, 1, 1).plusDays(i), Instant.EPOCH.plusSeconds(i), i % 2 == 0, null));
    }
    store().bulkInsert(books);
    TablesAccess.execute(store(), "ANALYZE \"" + store().schemaName() + "\".doc_book");
  }

  private String explain(String sql) {
    return String.join("\n", TablesAccess.query(store(), "EXPLAIN " + sql.replace("{{table}}", "\"" + store().schemaName() + "\".doc_book")));
  }

  @Test
  void aDuplicatedFieldIsQueriedThroughItsIndex() {
    assertThat(explain("SELECT data FROM {{table}} WHERE \"isbn\" = 'isbn-42'")).contains("doc_book_isbn_uidx");
    assertThat(explain("SELECT data FROM {{table}} WHERE \"author_country\" = 'IS'")).contains("doc_book_author_country_idx");
  }

  @Test
  void aContainmentQueryUsesTheGinIndex() {
    // The SQL a repository's findByAuthorName and findByGenresContaining run.
    assertThat(explain("SELECT data FROM {{table}} WHERE data @> '{\"author\":{\"name\":\"Author 7\"}}'::jsonb"))
        .contains("doc_book_data_gin");
    assertThat(explain("SELECT data FROM {{table}} WHERE data @> '{\"genres\":[\"g17\"]}'::jsonb"))
        .contains("doc_book_data_gin");
  }
}
