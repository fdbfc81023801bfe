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

/** What PostgreSQL plans for Rillflow's queries on 5,000 books: index scans, not table scans. */
class QueryPlanTest extends RillflowTestBase {

  @BeforeEach
  void fill() {
    List<Book> books = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
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

  /**
   * Whether the planner prefers the GIN index over reading 5,000 rows is a cost estimate that
   * moves with settings (random_page_cost, the index's pending list); what Rillflow controls is that
   * its containment SQL is one the index serves, which the plan without sequential scans shows.
   */
  @Test
  void aContainmentQueryIsServedByTheGinIndex() throws java.sql.SQLException {
    // The SQL a repository's findByAuthorName and findByGenresContaining run.
    assertThat(explainWithoutSeqScan("SELECT data FROM {{table}} WHERE data @> '{\"author\":{\"name\":\"Author 7\"}}'::jsonb"))
        .contains("Bitmap Index Scan on doc_book_data_gin");
    assertThat(explainWithoutSeqScan("SELECT data FROM {{table}} WHERE data @> '{\"genres\":[\"g17\"]}'::jsonb"))
        .contains("Bitmap Index Scan on doc_book_data_gin");
  }

  private String explainWithoutSeqScan(String sql) throws java.sql.SQLException {
    try (var connection = store().dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (var statement = connection.createStatement()) {
        statement.execute("SET LOCAL enable_seqscan = off");
        StringBuilder plan = new StringBuilder();
        try (var rows = statement.executeQuery("EXPLAIN " + sql.replace("{{table}}", "\"" + store().schemaName() + "\".doc_book"))) {
          while (rows.next()) {
            plan.append(rows.getString(1)).append('\n');
          }
        }
        return plan.toString();
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }
}
