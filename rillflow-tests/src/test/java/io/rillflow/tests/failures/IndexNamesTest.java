package io.rillflow.tests.failures;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexNamesTest extends RillflowTestBase {

  @Test
  void twoGinTablesWhoseLongNamesShareTheirFirst56CharactersEachGetTheirOwnIndex() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = store().dataSource().getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT tablename || ' ' || indexname FROM pg_indexes"
            + " WHERE schemaname = ? AND tablename LIKE 'doc_warehouse%' AND indexdef LIKE '%USING gin%' ORDER BY tablename")) {
      query.setString(1, store().schemaName());
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.add(result.getString(1));
        }
      }
    }
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).startsWith("doc_warehouse_inventory_reconciliation_snapshot_entries_alpha ");
    assertThat(rows.get(1)).startsWith("doc_warehouse_inventory_reconciliation_snapshot_entries_beta ");
    assertThat(rows).allSatisfy(row -> assertThat(row.substring(row.indexOf(' ') + 1)).hasSizeLessThanOrEqualTo(63));
    assertThat(store().schema().plan().isEmpty()).isTrue();
  }
}
