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

  /** The JDBC URL of the database that holds {@code tenantId}, if it is mapped. */
  Optional<String> url(String tenantId);

  /** Every mapped tenant. */
  Set<String> tenantIds();
}
