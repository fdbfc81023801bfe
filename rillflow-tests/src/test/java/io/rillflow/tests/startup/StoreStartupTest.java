package io.rillflow.tests.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaException;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.RillflowModule;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreStartupTest extends RillflowTestBase {

  @Test
  void generatedModuleIsFoundAndRegistersTheDocumentMapping() {
    assertThat(store().documentTypes()).contains(Person.class);
    assertThat(Person_Mapping.INSTANCE.tableName()).isEqualTo("doc_person");
  }

  @Test
  void rillflowTablesAreMigratedWithAHistoryTableOfTheirOwn() throws SQLException {
    assertThat(tables(store().schemaName())).contains(
        "rf_streams", "rf_events", "rf_snapshots", "rf_projections", "rf_dead_letters",
        "rillflow_schema_history");
  }

  @Test
  void secondStoreOnTheSameSchemaStartsWithoutMigratingAgain() throws SQLException {
    int before = historyRows(store().schemaName());
    try (DocumentStore second = DocumentStore.builder()
        .url(TestDatabase.shared().jdbcUrl())
        .schema(store().schemaName())
        .build()) {
      assertThat(second.documentTypes()).contains(Person.class);
    }
    assertThat(historyRows(store().schemaName())).isEqualTo(before).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aStartedStoreLogsOneLineSayingWhatItHolds() {
    // slf4j-simple writes to System.err as it is at each call, so the line can be caught here.
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream caught = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(caught, true, java.nio.charset.StandardCharsets.UTF_8));
    try (DocumentStore second = DocumentStore.builder()
        .url(TestDatabase.shared().jdbcUrl())
        .schema(store().schemaName())
        .readModels(false)
        .build()) {
      assertThat(second.documentTypes()).contains(Person.class);
    } finally {
      System.setErr(err);
    }
    List<String> lines = caught.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
        .filter(line -> line.contains("Rillflow store started")).toList();
    assertThat(lines).singleElement().asString()
        .contains("INFO").contains("schema \"" + store().schemaName() + "\"")
        .contains("Person->doc_person").contains("OrderPlaced").contains("migrations to V")
        .contains("0 projections");
  }

  @Test
  void autoCreateNoneChangesNothingAndRefusesAnEmptySchema() throws SQLException {
    TestSchema empty = TestSchema.create(TestDatabase.shared(), getClass());
    try {
      assertThatThrownBy(() -> empty.storeBuilder().autoCreate(AutoCreate.NONE).build())
          .isInstanceOf(SchemaException.class)
          .hasMessageContaining("missing table doc_person");
      assertThat(tables(empty.name())).isEmpty();
    } finally {
      empty.drop();
    }
  }

  @Test
  void twoTypesOnOneTableStopTheStoreNamingBoth() {
    RillflowModule clashing = registry -> registry.document(new DocumentMapping<String, String>() {
      @Override public Class<String> documentType() { return String.class; }
      @Override public Class<String> idType() { return String.class; }
      @Override public String tableName() { return "doc_person"; }
      @Override public String id(String document) { return document; }
    });

    assertThatThrownBy(() -> DocumentStore.builder()
            .url(TestDatabase.shared().jdbcUrl())
            .schema(store().schemaName())
            .module(clashing)
            .build())
        .isInstanceOf(SchemaException.class)
        .hasMessage("Documents java.lang.String and io.rillflow.tests.startup.Person both map to table "
            + "\"doc_person\"; give one @Document(table = ...)");
  }

  private static List<String> tables(String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = TestDatabase.shared().connect();
        PreparedStatement query = connection.prepareStatement(
            "SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  private static int historyRows(String schema) throws SQLException {
    try (Connection connection = TestDatabase.shared().connect();
        PreparedStatement query = connection.prepareStatement(
            "SELECT count(*) FROM \"" + schema + "\".rillflow_schema_history WHERE success AND version IS NOT NULL")) {
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
