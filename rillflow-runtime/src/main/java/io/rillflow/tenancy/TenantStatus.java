package io.rillflow.tenancy;

import io.rillflow.SchemaPlan;

/**
 * One tenant's storage as the store finds it.
 *
 * @param tenantId the tenant
 * @param schema the schema that holds its tables
 * @param exists whether that schema exists (a schema dropped outside Rillflow shows {@code false})
 * @param schemaVersion the highest Rillflow migration applied there, 0 when none
 * @param latestVersion the version this jar migrates to
 * @param documents how its document tables differ from the compiled mappings (empty plan: none)
 */
public record TenantStatus(
    String tenantId, String schema, boolean exists, int schemaVersion, int latestVersion, SchemaPlan documents) {

  /** Whether the tenant's storage matches this version: migrated to the latest, no document DDL missing nor drift. */
  public boolean upToDate() {
    return exists && schemaVersion >= latestVersion && documents.isEmpty();
  }
}
