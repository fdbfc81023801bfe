package io.rillflow.internal.tenancy;

import io.rillflow.SchemaException;
import io.rillflow.internal.schema.RillflowMigrations;
import io.rillflow.internal.sql.Identifiers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A tenant's data as files: for every table holding its rows ({@link TenantRows}: Rillflow's and the
 * document tables) a {@code <table>.copy} file in PostgreSQL's {@code COPY} text format, and a manifest
 * ({@value #MANIFEST}) naming each table and the columns written, in that order. One format for a schema
 * per tenant and for conjoined tenants, so an export of either mode imports into the other.
 *
 * <p>Left out: generated columns (duplicated fields: PostgreSQL computes them again), the migration
 * history, projection checkpoints and leases ({@code rf_projections}: async projections run again over
 * the imported events), and {@code rf_events.tx_id}: an event's ordering ticket only means something on
 * the server that wrote it, so imported events take the importing transaction's ticket, as any append
 * does. Global positions ({@code seq_id}) are kept and the sequences moved past them.
 *
 * <p>Written in one repeatable-read transaction (a consistent copy while the tenant keeps working); read
 * back in one transaction, so an import lands whole or not at all.
 */
final class TenantExport {
  static final String MANIFEST = "rillflow-tenant.txt";
  private static final String FORMAT = "rillflow-tenant-export 1";
  private static final Set<String> NOT_EXPORTED = Set.of(RillflowMigrations.HISTORY_TABLE, "rf_projections");
  /** The event tables, live and archived (V80), whose rows take the importing transaction's ticket. */
  private static final Set<String> TICKETED = Set.of("rf_events", "rf_events_archived");
  /**
   * Loaded before the rest, in this order: the events, so that their ordering ticket is taken before anything
   * else is written in the transaction (and the event tags that reference them find them); then the tables
   * other subscription tables reference. Every other table follows in the manifest's order.
   */
  private static final List<String> LOADED_FIRST = List.of("rf_events", "rf_subscriptions", "rf_subscription_groups");

  private TenantExport() {}

  static Path write(DataSource dataSource, String tenantId, TenantRows rows, Path target) {
    try (Connection connection = dataSource.getConnection()) {
      Files.createDirectories(target);
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      try {
        Map<String, List<String>> tables = rows.tables(connection);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder manifest = new StringBuilder(FORMAT).append('\n');
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
          try (OutputStream out = Files.newOutputStream(target.resolve(table.getKey() + ".copy"))) {
            copy.copyOut(rows.copyOut(table.getKey(), table.getValue()), out);
          }
          manifest.append(table.getKey()).append('\t').append(String.join(",", table.getValue())).append('\n');
        }
        Files.writeString(target.resolve(MANIFEST), manifest.toString(), StandardCharsets.UTF_8);
        connection.commit();
      } finally {
        connection.rollback();
        connection.setReadOnly(false);
        connection.setAutoCommit(true);
      }
      return target;
    } catch (SQLException | IOException e) {
      throw new SchemaException("Cannot export tenant \"" + tenantId + "\" to " + target + ": " + e.getMessage(), e);
    }
  }

  static void read(DataSource dataSource, String tenantId, TenantRows rows, Path source) {
    try (Connection connection = dataSource.getConnection()) {
      Map<String, List<String>> manifest = manifest(source);
      connection.setAutoCommit(false);
      try {
        Map<String, List<String>> present = rows.tables(connection);
        List<String> order = new ArrayList<>(manifest.keySet());
        order.sort(Comparator.comparingInt(table -> LOADED_FIRST.contains(table) ? LOADED_FIRST.indexOf(table)
            : LOADED_FIRST.size()));
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (String table : order) {
          try (InputStream in = Files.newInputStream(source.resolve(table + ".copy"))) {
            rows.copyIn(connection, copy, table, manifest.get(table), in, present);
          } catch (SchemaException e) {
            throw new SchemaException("Cannot import tenant \"" + tenantId + "\" from " + source + ": "
                + e.getMessage(), e);
          }
        }
        // Once every table is in: rf_events' positions go on past the archive table's too.
        rows.loaded(connection, order);
        connection.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException | IOException e) {
      throw new SchemaException("Cannot import tenant \"" + tenantId + "\" from " + source + ": " + e.getMessage(), e);
    }
  }

  /** Refuses, naming it, a table of the export that the target does not have with all its columns. */
  static void requirePresent(Map<String, List<String>> present, String table, List<String> columns, String schema) {
    if (!present.containsKey(table) || !present.get(table).containsAll(columns)) {
      throw new SchemaException("table " + table + " with columns " + columns + " is not in schema \"" + schema
          + "\" (exported by another version, or a document type this application does not map?)");
    }
  }

  /**
   * Moves each identity column's sequence of {@code table} past the imported values, so later rows do not
   * collide with them.
   */
  static void restartIdentities(Connection connection, String schema, String table) throws SQLException {
    List<String> identities = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname FROM pg_catalog.pg_attribute a"
        + " WHERE a.attrelid = to_regclass(?) AND a.attidentity <> '' AND NOT a.attisdropped")) {
      statement.setString(1, qualified(schema, table));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          identities.add(rows.getString(1));
        }
      }
    }
    // An archived event keeps its position (seq_id) in rf_events_archived, and takes it back to rf_events
    // when its stream is unarchived: no new event may take it meanwhile.
    String used = table.equals("rf_events") ? "(SELECT seq_id FROM " + qualified(schema, table)
        + " UNION ALL SELECT seq_id FROM " + qualified(schema, "rf_events_archived") + ") AS used"
        : qualified(schema, table);
    // Never back: in a conjoined schema every tenant takes positions from this sequence, and one given out
    // (also to a tenant dropped since) is not given again.
    for (String column : identities) {
      try (PreparedStatement statement = connection.prepareStatement("SELECT setval(seq, greatest((SELECT"
          + " coalesce(max(" + Identifiers.quote(column) + "), 0) FROM " + used + "),"
          + " coalesce(pg_sequence_last_value(seq), 0)) + 1, false)"
          + " FROM (SELECT CAST(pg_get_serial_sequence(?, ?) AS regclass) AS seq) s")) {
        statement.setString(1, qualified(schema, table));
        statement.setString(2, column);
        statement.execute();
      }
    }
  }

  /**
   * Gives the rows that name an imported event by its place in the global order, {@code (tx_id, seq_id)},
   * that event's new ordering ticket: an import gives its events this transaction's ticket, so the exported
   * one would point nowhere (and, from another server, might never fall below the safe point). Tags (a query
   * item is answered from the tag index alone and finds its events by both), dead letters and parked
   * subscription events (requeued by reading their event at its place). Only rows of events this transaction
   * wrote are touched.
   */
  static void reticket(Connection connection, String schema, List<String> tables) throws SQLException {
    String own = Identifiers.quote(schema) + ".rf_own_ticket()";
    String imported = "(SELECT seq_id, tx_id FROM " + qualified(schema, "rf_events") + " WHERE tx_id = " + own
        + " UNION ALL SELECT seq_id, tx_id FROM " + qualified(schema, "rf_events_archived") + " WHERE tx_id = " + own
        + ") e";
    try (Statement statement = connection.createStatement()) {
      if (tables.contains("rf_event_tags")) {
        statement.execute("UPDATE " + qualified(schema, "rf_event_tags") + " t SET tx_id = e.tx_id FROM " + imported
            + " WHERE t.seq_id = e.seq_id AND t.tx_id <> e.tx_id");
      }
      for (String table : List.of("rf_dead_letters", "rf_subscription_parked")) {
        if (tables.contains(table)) {
          statement.execute("UPDATE " + qualified(schema, table) + " r SET tx_id = CAST(CAST(e.tx_id AS text) AS bigint)"
              + " FROM " + imported + " WHERE r.seq_id = e.seq_id");
        }
      }
    }
  }

  /** Every exported table of {@code schema} with its written columns, in column order. */
  static Map<String, List<String>> columns(Connection connection, String schema) throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname, a.attname"
        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
        + " AND a.attgenerated = '' ORDER BY c.relname, a.attnum")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String table = rows.getString(1);
          String column = rows.getString(2);
          if (NOT_EXPORTED.contains(table) || (TICKETED.contains(table) && column.equals("tx_id"))) {
            continue;
          }
          tables.computeIfAbsent(table, t -> new ArrayList<>()).add(column);
        }
      }
    }
    return tables;
  }

  private static Map<String, List<String>> manifest(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source.resolve(MANIFEST), StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
      throw new SchemaException(source.resolve(MANIFEST) + " is not a Rillflow tenant export (its first line is"
          + " not \"" + FORMAT + "\")");
    }
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split("\t", 2);
      if (parts.length != 2) {
        throw new SchemaException("Bad line in " + source.resolve(MANIFEST) + ": " + line);
      }
      // Checked as identifiers here, before any of it reaches SQL text.
      Identifiers.quote(parts[0]);
      List<String> columns = List.of(parts[1].split(","));
      columns.forEach(Identifiers::quote);
      tables.put(parts[0], columns);
    }
    return tables;
  }

  static String qualified(String schema, String table) {
    return Identifiers.quote(schema) + "." + Identifiers.quote(table);
  }

  static String quoted(List<String> columns) {
    return String.join(", ", columns.stream().map(Identifiers::quote).toList());
  }
}
