package io.rillflow.benchmarks;

import io.rillflow.DocumentStore;
import io.rillflow.events.EventStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens a store on a schema of its own, emptied first, so every trial starts from the same state. */
public final class BenchStores {
  private BenchStores() {}

  /**
   * Drops {@code schema} with everything in it, then builds a store there; the store creates the
   * schema, Rillflow's tables and {@code doc_bench_customer} again (not the fifty tables of
   * {@code StoreStartupBench}: see {@link BenchModules}).
   *
   * @param schema a plain lower-case name starting with {@code bench_}: the suite never touches
   *     anything else
   */
  public static DocumentStore open(String schema) throws SQLException {
    return open(schema, EventStorage.DEFAULT);
  }

  /** As {@link #open(String)}, with the events laid out as {@code storage}. */
  public static DocumentStore open(String schema, EventStorage storage) throws SQLException {
    checkName(schema);
    execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    return DocumentStore.builder().url(BenchDatabase.url()).schema(schema)
        .discoverModules(false).module(BenchModules.withoutStartupTypes())
        // The suite's read model runs only in ReadModelCatchUpBench: an async projection here would
        // add a NOTIFY to every append measured.
        .readModels(false).eventStorage(storage).build();
  }

  /** Refuses a schema the suite does not own: it only ever touches {@code bench_<name>}. */
  public static void checkName(String schema) {
    if (!schema.matches("bench_[a-z0-9_]+")) {
      throw new IllegalArgumentException("benchmark schemas are named bench_<name>, not " + schema);
    }
  }

  /** Runs one statement in auto-commit on a connection of its own. */
  public static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(BenchDatabase.url());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The first column of the first row of one query, on a connection of its own. */
  public static String query(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(BenchDatabase.url());
        Statement statement = connection.createStatement();
        java.sql.ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }
}
