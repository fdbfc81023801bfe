package io.rillflow.samples;

import io.rillflow.DocumentStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The README's quickstart: starts a store on {@code RILLFLOW_DATABASE_URL} (or an embedded
 * PostgreSQL) and shows what Rillflow does so far. Run it with
 * {@code mvn -q -B install -DskipTests && mvn -q -B -pl samples exec:java}.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    try (SampleDatabase database = SampleDatabase.open();
        DocumentStore store = DocumentStore.builder()
            .url(database.url())
            .schema("quickstart")
            .build()) {
      System.out.println("Rillflow quickstart on " + database.description());
      System.out.println("Store started in schema \"" + store.schemaName() + "\"");
      System.out.println("Document types found by the generated module: " + store.documentTypes().stream()
          .map(Class::getSimpleName).sorted().toList());
      System.out.println("Rillflow's own tables: " + ownTables(store));
    }
  }

  private static String ownTables(DocumentStore store) throws SQLException {
    StringBuilder tables = new StringBuilder();
    try (Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'quickstart' ORDER BY tablename")) {
      while (rows.next()) {
        tables.append(tables.length() == 0 ? "" : ", ").append(rows.getString(1));
      }
    }
    return tables.toString();
  }
}
