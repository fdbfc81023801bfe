package io.rillflow.tenancy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which database holds each tenant, for {@link Tenancy#databasePerTenant(TenantDatabases)}. Several
 * tenants may share one database; the store opens one pool per distinct database URL, never one per
 * tenant.
 */
public interface TenantDatabases {

  /** A fixed mapping from tenant id to JDBC URL. */
  static TenantDatabases of(Map<String, String> urlByTenant) {
    Map<String, String> copy = Map.copyOf(urlByTenant);
    return new TenantDatabases() {
      @Override
      public Optional<String> url(String tenantId) {
        return Optional.ofNullable(copy.get(tenantId));
      }

      @Override
      public Set<String> tenantIds() {
        return copy.keySet();
      }
    };
  }

  /**
   * The mapping kept in the store's own database, table {@code rf_tenant_databases} (tenant id, JDBC
   * URL), filled by {@code store.tenants().assign(tenantId, url)} or by SQL; read when a tenant is first
   * used in a process. Its {@link #url} and {@link #tenantIds} only answer inside the store that reads
   * the table, so this object itself refuses them.
   */
  static TenantDatabases masterTable() {
    return MasterTable.INSTANCE;
  }

  /** The JDBC URL of the database that holds {@code tenantId}, if it is mapped. */
  Optional<String> url(String tenantId);

  /** Every mapped tenant. */
  Set<String> tenantIds();
}
