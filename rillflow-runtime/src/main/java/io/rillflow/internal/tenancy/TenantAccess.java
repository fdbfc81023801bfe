package io.rillflow.internal.tenancy;

import io.rillflow.DocumentStore;
import io.rillflow.tenancy.Tenants;

/** What a store answers to {@code forTenant} and {@code tenants()}: the tenancy it belongs to, or {@link #NONE}. */
public interface TenantAccess {

  /** A store without tenancy: both refuse, saying how to turn tenancy on. */
  TenantAccess NONE = new TenantAccess() {
    @Override
    public DocumentStore forTenant(String tenantId) {
      throw noTenancy();
    }

    @Override
    public Tenants tenants() {
      throw noTenancy();
    }

    private IllegalStateException noTenancy() {
      return new IllegalStateException("This store has no tenancy (Tenancy.single()): build it with"
          + " .tenancy(Tenancy.schemaPerTenant()) to keep tenants apart");
    }
  };

  /** The store API scoped to {@code tenantId}. */
  DocumentStore forTenant(String tenantId);

  /** The tenants of the store. */
  Tenants tenants();
}
