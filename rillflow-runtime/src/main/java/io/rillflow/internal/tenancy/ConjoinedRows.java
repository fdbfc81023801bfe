package io.rillflow.internal.tenancy;

import io.rillflow.SchemaException;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.copy.CopyManager;

/**
 * A conjoined tenant's rows: those marked with its {@code tenant_id} in the store's tenant tables (its
 * document tables and Rillflow's, see {@link ConjoinedTenants}). Exported without {@code tenant_id}, so
 * the files are those of a tenant with a schema of its own; imported with the importing tenant's id in
 * every row, whatever the files say (an export of a schema per tenant carries {@code ''} there).
 *
 * <p>An import goes through a temporary table per file: {@code COPY} fills it as the file is, and one
 * {@code INSERT ... SELECT} writes the rows with the tenant in front. Two things differ from a schema of
 * its own, because other tenants share the tables. Positions ({@code seq_id}) are kept, so they must be
 * free in the whole schema: an import whose events take a position another tenant's event holds is
 * refused, naming the first one (import it into another store, or as the tenant it was exported from
 * after dropping that). Row ids that nothing refers to (dead letters', parked events') are not kept: each
 * imported row takes a new one, where the exported ids would collide with other tenants'.
 */
final class ConjoinedRows implements TenantRows {
  /** The tables whose positions are one global order: an imported one must be free in both. */
  private static final List<String> POSITIONED = List.of("rf_events", "rf_events_archived");
  /** The temporary table one file at a time is staged in (dropped after each, and at the commit at the latest). */
  private static final String STAGING = "rf_import_staging";

  private final String schema;
  private final TenantFilter tenant;
  /** The tenant tables of the store (unqualified), where this tenant's rows are. */
  private final Set<String> tenantTables;

  ConjoinedRows(String schema, String tenantId, Set<String> tenantTables) {
    this.schema = schema;
    this.tenant = TenantFilter.of(tenantId);
    this.tenantTables = tenantTables;
  }

  @Override
  public Map<String, List<String>> tables(Connection connection) throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> table : TenantExport.columns(connection, schema).entrySet()) {
      if (tenantTables.contains(table.getKey())) {
        tables.put(table.getKey(), table.getValue().stream().filter(c -> !c.equals(TenantFilter.COLUMN)).toList());
      }
    }
    return tables;
  }

  @Override
  public String copyOut(String table, List<String> columns) {
    return "COPY (SELECT " + TenantExport.quoted(columns) + " FROM " + TenantExport.qualified(schema, table)
        + tenant.where() + ") TO STDOUT";
  }

  @Override
  public void copyIn(Connection connection, CopyManager copy, String table, List<String> columns, InputStream rows,
      Map<String, List<String>> present) throws SQLException, IOException {
    try (Statement statement = connection.createStatement()) {
      if (!present.containsKey(table)) {
        // A table this store lacks (an export of a newer version): fine when the file is empty.
        copy.copyIn("COPY " + stage(statement, table, columns, false) + " FROM STDIN", rows);
        if (count(statement) > 0) {
          TenantExport.requirePresent(TenantExport.columns(connection, schema), table, columns, schema);
          throw new SchemaException("table " + table + " holds rows, which a tenant of a Tenancy.conjoined() store"
              + " cannot keep: this store has no such table with a tenant column");
        }
        statement.execute("DROP TABLE " + STAGING);
        return;
      }
      List<String> kept = columns.stream().filter(c -> !c.equals(TenantFilter.COLUMN)).toList();
      TenantExport.requirePresent(present, table, kept, schema);
      if (table.equals("rf_events")) {
        // The ordering ticket first, before the staging table is written (as an append takes it first).
        statement.execute("SELECT " + Identifiers.quote(schema) + ".rf_append_ticket()");
      }
      copy.copyIn("COPY " + stage(statement, table, columns, true) + " FROM STDIN", rows);
      if (POSITIONED.contains(table)) {
        refuseTakenPositions(statement, table);
      }
      List<String> written = kept.stream().filter(c -> !unreferencedId(table, c)).toList();
      statement.execute("INSERT INTO " + TenantExport.qualified(schema, table) + " (" + tenant.column()
          + TenantExport.quoted(written) + ") OVERRIDING SYSTEM VALUE SELECT " + tenant.value()
          + TenantExport.quoted(written) + " FROM " + STAGING);
      statement.execute("DROP TABLE " + STAGING);
    }
  }

  /**
   * Makes the staging table of one file, its columns the file's: typed as {@code table}'s when the store has
   * it ({@code typed}), else as text (only counted). Returns the {@code COPY} target.
   */
  private String stage(Statement statement, String table, List<String> columns, boolean typed) throws SQLException {
    if (typed) {
      statement.execute("CREATE TEMPORARY TABLE " + STAGING + " ON COMMIT DROP AS SELECT "
          + TenantExport.quoted(columns) + " FROM " + TenantExport.qualified(schema, table) + " WITH NO DATA");
    } else {
      List<String> text = new ArrayList<>();
      columns.forEach(c -> text.add(Identifiers.quote(c) + " text"));
      statement.execute("CREATE TEMPORARY TABLE " + STAGING + " (" + String.join(", ", text) + ") ON COMMIT DROP");
    }
    return STAGING + " (" + TenantExport.quoted(columns) + ")";
  }

  private void refuseTakenPositions(Statement statement, String table) throws SQLException {
    StringBuilder taken = new StringBuilder("SELECT min(i.seq_id) FROM " + STAGING + " i WHERE");
    for (int t = 0; t < POSITIONED.size(); t++) {
      taken.append(t == 0 ? "" : " OR").append(" EXISTS (SELECT 1 FROM ")
          .append(TenantExport.qualified(schema, POSITIONED.get(t))).append(" e WHERE e.seq_id = i.seq_id)");
    }
    try (ResultSet row = statement.executeQuery(taken.toString())) {
      row.next();
      long first = row.getLong(1);
      if (!row.wasNull()) {
        throw new SchemaException("the event at position " + first + " of " + table + " cannot keep its position:"
            + " schema \"" + schema + "\" holds an event there already (positions are one order for every tenant"
            + " of a Tenancy.conjoined() store)");
      }
    }
  }

  private static long count(Statement statement) throws SQLException {
    try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + STAGING)) {
      row.next();
      return row.getLong(1);
    }
  }

  /** An identity that no other row refers to: the dead letters' and parked events' ids. */
  private static boolean unreferencedId(String table, String column) {
    return column.equals("id") && (table.equals("rf_dead_letters") || table.equals("rf_subscription_parked"));
  }

  @Override
  public void loaded(Connection connection, List<String> tables) throws SQLException {
    if (tables.contains("rf_events")) {
      TenantExport.restartIdentities(connection, schema, "rf_events");
    }
    TenantExport.reticket(connection, schema, tables);
  }
}
