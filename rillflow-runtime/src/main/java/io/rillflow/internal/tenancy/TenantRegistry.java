package io.rillflow.internal.tenancy;

import io.rillflow.SchemaException;
import io.rillflow.internal.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The store's table of provisioned tenants, {@code rf_tenants} in its own schema (migration V40), and
 * whether a tenant's schema exists. Statements qualified once, here.
 */
final class TenantRegistry {
  private final DataSource dataSource;
  private final String insert;
  private final String exists;
  private final String list;
  private final String delete;

  TenantRegistry(DataSource dataSource, String storeSchema) {
    this.dataSource = dataSource;
    String table = Identifiers.quote(storeSchema) + ".rf_tenants";
    this.insert = "INSERT INTO " + table + " (tenant_id) VALUES (?) ON CONFLICT (tenant_id) DO NOTHING";
    this.exists = "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE tenant_id = ?),"
        + " EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?)";
    this.list = "SELECT tenant_id FROM " + table + " ORDER BY tenant_id";
    this.delete = "DELETE FROM " + table + " WHERE tenant_id = ?";
  }

  /** What the database knows of a tenant: registered, and whether its schema exists. */
  record Presence(boolean registered, boolean schemaExists) {}

  Presence presence(String tenantId, String schema) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(exists)) {
      statement.setString(1, tenantId);
      statement.setString(2, schema);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return new Presence(row.getBoolean(1), row.getBoolean(2));
      }
    } catch (SQLException e) {
      throw new SchemaException("Cannot look up tenant \"" + tenantId + "\": " + e.getMessage(), e);
    }
  }

  void register(Connection connection, String tenantId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      statement.setString(1, tenantId);
      statement.executeUpdate();
    }
  }

  void forget(Connection connection, String tenantId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(delete)) {
      statement.setString(1, tenantId);
      statement.executeUpdate();
    }
  }

  List<String> list() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(list);
        ResultSet rows = statement.executeQuery()) {
      List<String> tenants = new ArrayList<>();
      while (rows.next()) {
        tenants.add(rows.getString(1));
      }
      return tenants;
    } catch (SQLException e) {
      throw new SchemaException("Cannot list the tenants: " + e.getMessage(), e);
    }
  }
}
