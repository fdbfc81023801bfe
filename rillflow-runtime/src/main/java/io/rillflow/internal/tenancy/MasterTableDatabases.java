package io.rillflow.internal.tenancy;

import io.rillflow.SchemaException;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.tenancy.TenantDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code TenantDatabases.masterTable()} bound to a store: {@code rf_tenant_databases} (migration V41)
 * in the store's own schema and database. Read when a tenant is first used in a process (the store
 * caches the tenant's view after), written by {@code tenants().assign}.
 */
final class MasterTableDatabases implements TenantDatabases {
  private final DataSource master;
  private final String select;
  private final String selectAll;
  private final String insert;

  MasterTableDatabases(DataSource master, String storeSchema) {
    this.master = master;
    String table = Identifiers.quote(storeSchema) + ".rf_tenant_databases";
    this.select = "SELECT database_url FROM " + table + " WHERE tenant_id = ?";
    this.selectAll = "SELECT tenant_id, database_url FROM " + table + " ORDER BY tenant_id";
    this.insert = "INSERT INTO " + table + " (tenant_id, database_url) VALUES (?, ?) ON CONFLICT (tenant_id) DO NOTHING";
  }

  @Override
  public Optional<String> url(String tenantId) {
    try (Connection connection = master.getConnection();
        PreparedStatement statement = connection.prepareStatement(select)) {
      statement.setString(1, tenantId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new SchemaException("Cannot look up the database of tenant \"" + tenantId + "\" in rf_tenant_databases: "
          + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> tenantIds() {
    return all().keySet();
  }

  /** Every row: tenant id to URL, by tenant id. */
  Map<String, String> all() {
    try (Connection connection = master.getConnection();
        PreparedStatement statement = connection.prepareStatement(selectAll);
        ResultSet rows = statement.executeQuery()) {
      Map<String, String> urls = new LinkedHashMap<>();
      while (rows.next()) {
        urls.put(rows.getString(1), rows.getString(2));
      }
      return urls;
    } catch (SQLException e) {
      throw new SchemaException("Cannot list rf_tenant_databases: " + e.getMessage(), e);
    }
  }

  /** Records the tenant's database unless it has one; refuses a different one, naming both. */
  void assign(String tenantId, String url) {
    try (Connection connection = master.getConnection();
        PreparedStatement statement = connection.prepareStatement(insert)) {
      statement.setString(1, tenantId);
      statement.setString(2, url);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new SchemaException("Cannot assign tenant \"" + tenantId + "\" a database: " + e.getMessage(), e);
    }
    String assigned = url(tenantId).orElseThrow();
    if (!assigned.equals(url)) {
      throw new IllegalStateException("Tenant \"" + tenantId + "\" lives in " + TenantServers.describe(assigned)
          + ", not in " + TenantServers.describe(url) + ": move a tenant by export, drop and importFrom");
    }
  }
}
