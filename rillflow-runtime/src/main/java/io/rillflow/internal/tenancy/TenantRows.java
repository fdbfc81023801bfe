package io.rillflow.internal.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.postgresql.copy.CopyManager;

/**
 * Where one tenant's rows are, for {@link TenantExport}: every row of a schema of its own
 * ({@link SchemaRows}), or the rows marked with its {@code tenant_id} in the store's tables
 * ({@link ConjoinedRows}). Both write and read the one file format, so a tenant moves between modes.
 */
interface TenantRows {
  /** The tables to export, each with the columns written (never {@code tenant_id}'s value of another tenant). */
  Map<String, List<String>> tables(Connection connection) throws SQLException;

  /** The {@code COPY ... TO STDOUT} statement of one table's rows of the tenant. */
  String copyOut(String table, List<String> columns);

  /**
   * Loads one exported table's file into the tenant, inside the import's transaction.
   *
   * @param present the tables of the target with their columns, from {@link #tables}
   */
  void copyIn(Connection connection, CopyManager copy, String table, List<String> columns, InputStream rows,
      Map<String, List<String>> present) throws SQLException, IOException;

  /** Runs once every table is in, before the commit: moves sequences past what was loaded. */
  void loaded(Connection connection, List<String> tables) throws SQLException;
}
