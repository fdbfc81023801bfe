package io.rillflow.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.DocumentStore;
import io.rillflow.internal.schema.RillflowMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Starting and closing a store of 50 document types ({@code io.rillflow.benchmarks.startup}) on a
 * schema that is already migrated and holds every table: {@code DocumentStore.builder()...build()}
 * then {@code close()}. Rillflow opens its pool, builds its mapper and mappings, runs Flyway (which
 * finds nothing to do) and compares the mappings with the catalogue (nothing to create).
 *
 * <p>The raw baseline is the least a store start needs from the database: open a HikariCP pool with
 * Rillflow's settings on the same URL, run one catalogue query listing the schema's tables, columns
 * and indexes and one read of Flyway's history table, check that all fifty tables are there and the
 * history is at the latest version, and close the pool. The ratio is therefore what Rillflow's start
 * costs beyond that minimum: Flyway's own work, the schema plan, and building the store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class StoreStartupBench {
  private static final String SCHEMA = "bench_store_startup";
  private static final String CATALOGUE = "SELECT c.relname, a.attname FROM pg_class c"
      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
      + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p')"
      + " UNION ALL SELECT indexname, NULL FROM pg_indexes WHERE schemaname = ?";
  private static final String HISTORY = "SELECT version, success FROM \"" + SCHEMA + "\".\""
      + RillflowMigrations.HISTORY_TABLE + "\" WHERE version IS NOT NULL ORDER BY installed_rank";

  /** The fifty document tables the store maps. */
  private Set<String> tables;
  /** The version the first start migrated to; a measured start finds the history there. */
  private String latestMigration;

  @Setup(Level.Trial)
  public void migrate() throws SQLException {
    BenchStores.checkName(SCHEMA);
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
    // The first start migrates and creates the fifty tables; every measured start finds them.
    start().close();
    latestMigration = BenchStores.query("SELECT max(version::int)::text FROM \"" + SCHEMA + "\".\""
        + RillflowMigrations.HISTORY_TABLE + "\" WHERE success AND version IS NOT NULL");
    tables = BenchModules.startupTables();
    if (tables.size() != 50) {
      throw new IllegalStateException("expected 50 startup document types, found " + tables.size());
    }
  }

  @TearDown(Level.Trial)
  public void drop() throws SQLException {
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
  }

  private static DocumentStore start() {
    return DocumentStore.builder().url(BenchDatabase.url()).schema(SCHEMA)
        .discoverModules(false).module(BenchModules.startupTypesOnly()).build();
  }

  @Benchmark
  public DocumentStore start_rillflow() {
    DocumentStore store = start();
    store.close();
    return store;
  }

  @Benchmark
  public int start_raw() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(BenchDatabase.url());
    config.setMaximumPoolSize(10);
    config.setPoolName("rillflow-" + SCHEMA);
    try (HikariDataSource pool = new HikariDataSource(config);
        Connection connection = pool.getConnection()) {
      Map<String, Set<String>> columns = new HashMap<>();
      try (PreparedStatement query = connection.prepareStatement(CATALOGUE)) {
        query.setString(1, SCHEMA);
        query.setString(2, SCHEMA);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            Set<String> of = columns.computeIfAbsent(rows.getString(1), t -> new HashSet<>());
            if (rows.getString(2) != null) {
              of.add(rows.getString(2));
            }
          }
        }
      }
      if (!columns.keySet().containsAll(tables)) {
        throw new IllegalStateException("tables missing in " + SCHEMA);
      }
      String version = null;
      try (PreparedStatement query = connection.prepareStatement(HISTORY);
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (!rows.getBoolean(2)) {
            throw new IllegalStateException("failed migration " + rows.getString(1) + " in " + SCHEMA);
          }
          version = rows.getString(1);
        }
      }
      if (!latestMigration.equals(version)) {
        throw new IllegalStateException("Rillflow's tables in " + SCHEMA + " are at version " + version);
      }
      return columns.size();
    }
  }
}
