package io.rillflow.tests.schema;

import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * A test schema as an earlier release left it: Rillflow's migrations up to a version, then raw SQL to fill
 * it the way that release wrote and to read what an upgrade kept, outside any store.
 */
public final class OldSchema {
  private final TestSchema schema;

  private OldSchema(TestSchema schema) {
    this.schema = schema;
  }

  /** Migrates {@code schema} through {@code version} and no further. */
  public static OldSchema at(TestSchema schema, String version) {
    TestDatabase database = TestDatabase.shared();
    Flyway.configure(OldSchema.class.getClassLoader())
        .dataSource(database.jdbcUrl(), database.username(), database.password())
        .schemas(schema.name()).defaultSchema(schema.name()).table("rillflow_schema_history")
        .locations("classpath:io/rillflow/migration").target(version).load().migrate();
    return new OldSchema(schema);
  }

  public void execute(String sql) throws SQLException {
    try (Connection connection = TestDatabase.shared().connect(); Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO \"" + schema.name() + "\"");
      statement.execute(sql);
    }
  }

  /** The first column of every row, as text. */
  public List<String> column(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = TestDatabase.shared().connect(); Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO \"" + schema.name() + "\"");
      try (ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
    }
    return values;
  }
}
