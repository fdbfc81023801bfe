package io.rillflow.internal.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.postgresql.copy.CopyManager;

/** A tenant that has a schema of its own: every exported table of that schema is the tenant's. */
final class SchemaRows implements TenantRows {
  private final String schema;

  SchemaRows(String schema) {
    this.schema = schema;
  }

  @Override
  public Map<String, List<String>> tables(Connection connection) throws SQLException {
    return TenantExport.columns(connection, schema);
  }

  @Override
  public String copyOut(String table, List<String> columns) {
    return "COPY " + TenantExport.qualified(schema, table) + " (" + TenantExport.quoted(columns) + ") TO STDOUT";
  }

  @Override
  public void copyIn(Connection connection, CopyManager copy, String table, List<String> columns, InputStream rows,
      Map<String, List<String>> present) throws SQLException, IOException {
    TenantExport.requirePresent(present, table, columns, schema);
    copy.copyIn("COPY " + TenantExport.qualified(schema, table) + " (" + TenantExport.quoted(columns)
        + ") FROM STDIN", rows);
  }

  @Override
  public void loaded(Connection connection, List<String> tables) throws SQLException {
    for (String table : tables) {
      TenantExport.restartIdentities(connection, schema, table);
    }
    TenantExport.reticket(connection, schema, tables);
  }
}
