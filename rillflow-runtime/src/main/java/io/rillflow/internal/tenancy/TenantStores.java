package io.rillflow.internal.tenancy;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaPlan;
import io.rillflow.internal.projections.TenantShards;

/** How tenancy makes and inspects the store of one tenant's schema; the running store provides it. */
public interface TenantStores {

  /**
   * The store of {@code tenantSchema}, its SQL qualified once; its document tables checked against
   * the catalogue and, as {@code autoCreate} allows, completed. Rillflow's tables must be migrated.
   */
  DocumentStore open(String tenantId, String tenantSchema, TenantAccess access, AutoCreate autoCreate);

  /** How the document tables of {@code tenantSchema} differ from the compiled mappings; changes nothing. */
  SchemaPlan plan(String tenantSchema);

  /** Stops what {@code store} (from {@link #open}) runs: its projection daemon. */
  void shutDown(DocumentStore store);

  /** Which (projection, tenant) pairs this node's tenants' daemon steps: the store's cluster, or all. */
  default TenantShards shards() {
    return TenantShards.ALL;
  }

  /** The tenants are closed, each store shut down: close what serves them all (a tenant database's pool). */
  default void closed() {}
}
