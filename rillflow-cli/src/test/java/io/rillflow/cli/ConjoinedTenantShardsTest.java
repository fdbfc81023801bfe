package io.rillflow.cli;

/**
 * {@link TenantShardsTest} for conjoined tenants: the same cluster, kill and freeze, with every tenant's
 * rows in the store's one schema and each (projection, tenant) pair's checkpoint, lease and epoch a row
 * of its own there.
 */
class ConjoinedTenantShardsTest extends TenantShardsTest {
  @Override
  String tenancyName() {
    return "conjoined";
  }
}
