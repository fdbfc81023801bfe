package io.rillflow.test;

import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.RillflowException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A schema of one test class's own on the {@link TestDatabase}: created empty, emptied before each
 * test, dropped at the end. Its random suffix keeps classes, forks and concurrent builds on one
 * shared server apart.
 */
public final class TestSchema {
  private final TestDatabase database;
  private final String name;

  private TestSchema(TestDatabase database, String name) {
    this.database = database;
    this.name = name;
  }

  /** Creates a fresh schema named after {@code testClass}. */
  public static TestSchema create(TestDatabase database, Class<?> testClass) {
    String base = testClass.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (base.length() > 40) {
      base = base.substring(0, 40);
    }
    String name = "rft_" + base + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
    TestSchema schema = new TestSchema(database, name);
    schema.execute("CREATE SCHEMA \"" + name + "\"");
    return schema;
  }

  /** The schema's name. */
  public String name() {
    return name;
  }

  /** A store description on this schema, ready to build or to add to. */
  public DocumentStoreBuilder storeBuilder() {
    DocumentStoreBuilder builder = DocumentStore.builder()
        .url(database.jdbcUrl())
        .schema(name)
        .maximumPoolSize(4);
    if (database.username() != null) {
      builder.username(database.username());
    }
    if (database.password() != null) {
      builder.password(database.password());
    }
    return builder;
  }

  /**
   * Empties every table of the schema but Flyway's history, in one statement, restarting identity
   * sequences so that each test sees the same positions.
   */
  public void emptyTables() {
    try (Connection connection = database.connect()) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tablename NOT LIKE '%schema_history'")) {
        query.setString(1, name);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            tables.add("\"" + name + "\".\"" + rows.getString(1) + "\"");
          }
        }
      }
      if (!tables.isEmpty()) {
        try (Statement truncate = connection.createStatement()) {
          truncate.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
        }
      }
    } catch (SQLException e) {
      throw new RillflowException("Cannot empty the tables of test schema " + name + " on " + database, e);
    }
  }

  /**
   * Drops every tenant of {@code store} (a store with tenancy built on this schema), closes the store and
   * then drops the schema, also when a tenant's drop fails.
   */
  public void dropWithTenants(io.rillflow.DocumentStore store) {
    try {
      for (String tenant : store.tenants().list()) {
        store.tenants().drop(tenant, tenant);
      }
      store.close();
    } finally {
      drop();
    }
  }

  /** Closes {@code store} (a store on this schema) and then drops the schema, also when the close fails. */
  public void closeAndDrop(io.rillflow.DocumentStore store) {
    try {
      store.close();
    } finally {
      drop();
    }
  }

  /** Drops the schema and everything in it. */
  public void drop() {
    execute("DROP SCHEMA IF EXISTS \"" + name + "\" CASCADE");
  }

  private void execute(String sql) {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new RillflowException("Cannot run [" + sql + "] on " + database + ": " + e.getMessage(), e);
    }
  }
}
