package io.rillflow.tests.groupappend;

import io.rillflow.tenancy.Tenancy;

/** Group append on tenants' stores with a schema per tenant. */
class PerSchemaGroupTest extends TenantGroupAppendSuite {
  @Override
  protected Tenancy tenancy(int manyTenants) {
    return Tenancy.schemaPerTenant();
  }
}
