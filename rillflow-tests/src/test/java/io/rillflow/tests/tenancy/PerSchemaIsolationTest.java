package io.rillflow.tests.tenancy;

import io.rillflow.tenancy.Tenancy;

/** The isolation suite with a schema per tenant. */
class PerSchemaIsolationTest extends TenantIsolationSuite {
  @Override
  protected Tenancy tenancy() {
    return Tenancy.schemaPerTenant();
  }
}
