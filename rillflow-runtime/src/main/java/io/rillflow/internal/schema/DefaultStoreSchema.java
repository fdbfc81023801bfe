package io.rillflow.internal.schema;

import io.rillflow.AutoCreate;
import io.rillflow.SchemaDrift;
import io.rillflow.SchemaException;
import io.rillflow.SchemaPlan;
import io.rillflow.StoreSchema;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.spi.DocumentMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a store's document mappings with its schema, adds what is missing on request, and
 * drops what no mapping uses only when asked ({@link #cleanup}). Nothing here ever drops at
 * start-up: during a rolling deploy another application version may still use a column this one
 * no longer maps.
 */
public final class DefaultStoreSchema implements StoreSchema {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultStoreSchema.class);
  private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  /**
   * How long a schema change waits for a table lock (or, building an index concurrently, for older
   * transactions) before it fails: while it waits, every later query on the table queues behind it.
   */
  static final String LOCK_TIMEOUT = "10s";
  /** How long a store waits for another store's schema change (an index build on a big table takes a while). */
  private static final java.time.Duration LOCK_WAIT = java.time.Duration.ofMinutes(10);

  private final DataSource dataSource;
  private final String schema;
  private final List<DocumentTableDdl> tables;
  private final DocumentTables documentTables;

  public DefaultStoreSchema(DataSource dataSource, String schema, Collection<DocumentMapping<?, ?>> mappings,
      DocumentTables documentTables) {
    this(dataSource, schema, mappings, documentTables, false);
  }

  /**
   * @param conjoined whether the tables of tenant documents (all but the shared ones) keep many tenants'
   *     rows apart by a {@code tenant_id} ({@code Tenancy.conjoined()})
   */
  public DefaultStoreSchema(DataSource dataSource, String schema, Collection<DocumentMapping<?, ?>> mappings,
      DocumentTables documentTables, boolean conjoined) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.documentTables = documentTables;
    // By table name, so that a plan (and an exported migration) is the same whatever the module order.
    this.tables = mappings.stream()
        .map(m -> new DocumentTableDdl(m, schema, conjoined && !m.shared()))
        .sorted(Comparator.comparing(DocumentTableDdl::table))
        .toList();
  }

  /**
   * What a store does to its document tables when it starts: with {@link AutoCreate#NONE} checks
   * them and fails listing every difference this version cannot run with; otherwise adds what is
   * missing. Either way, logs one warning per remaining drift with its fix, and points each document
   * table at the columns this version uses.
   */
  public void start(AutoCreate autoCreate) {
    SchemaChanges changes;
    if (autoCreate == AutoCreate.NONE) {
      try (Connection connection = dataSource.getConnection()) {
        Catalogue catalogue = Catalogue.read(connection, schema);
        changes = compare(connection, catalogue);
        List<String> failures = changes.failures();
        if (!failures.isEmpty()) {
          throw new SchemaException("The document tables of schema \"" + schema + "\" do not match the mappings"
              + " (AutoCreate.NONE changes nothing): " + String.join("; ", failures)
              + ". Apply store.schema().exportMigration(...) from a store with these mappings, or start once with"
              + " AutoCreate.CREATE_OR_UPDATE");
        }
        useColumns(catalogue);
      } catch (SQLException e) {
        throw new SchemaException("Cannot read the catalogue of schema \"" + schema + "\": " + e.getMessage(), e);
      }
    } else {
      changes = applyChanges();
    }
    for (SchemaDrift drift : changes.drift()) {
      LOG.warn("Schema drift in \"{}\": {}", schema, drift);
    }
  }

  @Override
  public SchemaPlan plan() {
    try (Connection connection = dataSource.getConnection()) {
      return compare(connection, Catalogue.read(connection, schema)).plan();
    } catch (SQLException e) {
      throw new SchemaException("Cannot read the catalogue of schema \"" + schema + "\": " + e.getMessage(), e);
    }
  }

  private SchemaChanges compare(Connection connection, Catalogue catalogue) throws SQLException {
    SchemaChanges changes = new SchemaChanges();
    Set<String> mapped = tables.stream().map(DocumentTableDdl::table).collect(Collectors.toSet());
    for (DocumentTableDdl table : tables) {
      table.compare(catalogue, changes);
    }
    for (String table : catalogue.tables()) {
      // A document table that a class rename left behind: its rows are invisible to every mapping.
      if (table.startsWith("doc_") && !mapped.contains(table) && Identifiers.problemWith(table) == null
          && catalogue.hasColumn(table, "data") && Catalogue.hasRows(connection, schema, table)) {
        changes.drift(new SchemaDrift(table, "table " + table + " holds documents but no mapping names it"
            + " (a renamed or removed @Document?)", "name it in the renamed class with @Document(table = \"" + table
            + "\"), or move its rows; cleanup() never drops a table", null), false);
      }
    }
    return changes;
  }

  @Override
  public void apply() {
    applyChanges();
  }

  private SchemaChanges applyChanges() {
    String[] current = {null};
    try (Connection connection = dataSource.getConnection()) {
      return locked(connection, () -> {
        connection.setAutoCommit(false);
        SchemaChanges changes;
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
          changes = compare(connection, Catalogue.read(connection, schema));
          for (String sql : changes.inTransaction()) {
            current[0] = sql;
            statement.execute(sql);
          }
          connection.commit();
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
        // CREATE INDEX CONCURRENTLY cannot run in a transaction block: each statement on its own.
        runEach(connection, changes.concurrent(), current);
        useColumns(Catalogue.read(connection, schema));
        return changes;
      });
    } catch (SQLException e) {
      throw new SchemaException("Cannot update the document tables of schema \"" + schema + "\""
          + (current[0] != null ? " at [" + current[0] + "]" : "") + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> cleanup() {
    String[] current = {null};
    try (Connection connection = dataSource.getConnection()) {
      return locked(connection, () -> {
        List<String> cleanup = new ArrayList<>();
        for (SchemaDrift drift : compare(connection, Catalogue.read(connection, schema)).drift()) {
          if (drift.cleanup() != null) {
            cleanup.add(drift.cleanup());
          }
        }
        runEach(connection, cleanup, current);
        for (String sql : cleanup) {
          LOG.info("Schema cleanup in \"{}\": {}", schema, sql);
        }
        useColumns(Catalogue.read(connection, schema));
        return cleanup;
      });
    } catch (SQLException e) {
      throw new SchemaException("Cannot clean up the document tables of schema \"" + schema + "\""
          + (current[0] != null ? " at [" + current[0] + "]" : "") + ": " + e.getMessage(), e);
    }
  }

  private static void runEach(Connection connection, List<String> statements, String[] current) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
      try {
        for (String sql : statements) {
          current[0] = sql;
          statement.execute(sql);
        }
        current[0] = null;
      } finally {
        statement.execute("RESET lock_timeout");
      }
    }
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} holding this schema's session-level advisory lock: two stores starting
   * together would otherwise plan the same ALTER, and a transaction-level lock cannot span the
   * concurrent index builds, which run outside any transaction.
   *
   * <p>The lock is tried, not waited for: a session blocked in {@code pg_advisory_lock} holds a
   * snapshot, and {@code CREATE INDEX CONCURRENTLY} run by the holder waits for every older
   * snapshot, so each would wait for the other. Between tries this session holds nothing.
   */
  private <T> T locked(Connection connection, Work<T> work) throws SQLException {
    String key = "rillflow.schema." + schema;
    long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
      lock.setString(1, key);
      while (true) {
        try (ResultSet taken = lock.executeQuery()) {
          if (taken.next() && taken.getBoolean(1)) {
            break;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new SchemaException("Another store has been changing the document tables of schema \"" + schema
              + "\" for more than " + LOCK_WAIT.toMinutes() + " minutes; not changing them beside it");
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SchemaException("Interrupted waiting for another store's change of schema \"" + schema + "\"", e);
        }
      }
    }
    try {
      return work.run();
    } finally {
      try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
        unlock.setString(1, key);
        unlock.execute();
      }
    }
  }

  private void useColumns(Catalogue catalogue) {
    Map<String, Map<String, String>> names = new HashMap<>();
    for (DocumentTableDdl table : tables) {
      names.put(table.table(), table.names(catalogue));
    }
    documentTables.useColumns(names);
  }

  @Override
  public Path exportMigration(Path target) {
    SchemaPlan plan = plan();
    if (plan.statements().isEmpty()) {
      return null;
    }
    Path file = Files.isDirectory(target)
        ? target.resolve("V" + VERSION.format(ZonedDateTime.now(ZoneOffset.UTC)) + "__rillflow_documents.sql")
        : target;
    String header = "-- Rillflow document tables for schema \"" + schema + "\", written by StoreSchema.exportMigration.\n"
        + "-- Needs Rillflow's own tables (and their rf_* functions) in the same schema first.\n"
        + (plan.toSql().contains(" CONCURRENTLY ")
            ? "-- CONCURRENTLY statements cannot run in a transaction: run this script without one (Flyway: mixed = true).\n"
            : "")
        + "\n";
    try {
      Files.writeString(file, header + plan.toSql(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SchemaException("Cannot write the migration " + file + ": " + e.getMessage(), e);
    }
    return file;
  }
}
