package io.rillflow.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.spi.RillflowModule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RillflowTestBaseTest extends RillflowTestBase {
  static int configureCalls;
  static boolean moduleRegistered;

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    configureCalls++;
    RillflowModule module = registry -> moduleRegistered = true;
    builder.module(module);
  }

  @Test
  @Order(1)
  void storeIsInASchemaOfItsOwnWithRillflowTablesMigrated() throws SQLException {
    assertThat(store().schemaName()).startsWith("rft_rillflow_test_base_test_");
    assertThat(count("SELECT count(*) FROM " + table("rillflow_schema_history") + " WHERE success")).isGreaterThanOrEqualTo(1);
    execute("INSERT INTO " + table("rf_streams") + " (stream_id, version) VALUES ('left-behind', 0)");
    assertThat(count("SELECT count(*) FROM " + table("rf_streams"))).isEqualTo(1);
  }

  @Test
  @Order(2)
  void tablesAreEmptiedBeforeEachTest() throws SQLException {
    assertThat(count("SELECT count(*) FROM " + table("rf_streams"))).isZero();
  }

  @Test
  @Order(3)
  void theSameStoreServesTheWholeClassAndConfigureRanOnce(DocumentStore parameter) {
    assertThat(parameter).isSameAs(store());
    assertThat(configureCalls).isEqualTo(1);
    assertThat(moduleRegistered).isTrue();
  }

  private String table(String name) {
    return "\"" + store().schemaName() + "\"." + name;
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = store().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = store().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
