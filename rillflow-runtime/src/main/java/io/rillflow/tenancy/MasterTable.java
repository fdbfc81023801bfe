package io.rillflow.tenancy;

import java.util.Optional;
import java.util.Set;

/** The marker {@link TenantDatabases#masterTable()} returns; the store replaces it by the table it reads. */
final class MasterTable implements TenantDatabases {
  static final MasterTable INSTANCE = new MasterTable();

  private MasterTable() {}

  @Override
  public Optional<String> url(String tenantId) {
    throw unbound();
  }

  @Override
  public Set<String> tenantIds() {
    throw unbound();
  }

  private static IllegalStateException unbound() {
    return new IllegalStateException("TenantDatabases.masterTable() is read by the store it is given to"
        + " (Tenancy.databasePerTenant(TenantDatabases.masterTable())); ask that store's tenants()");
  }

  @Override
  public String toString() {
    return "TenantDatabases.masterTable()";
  }
}
