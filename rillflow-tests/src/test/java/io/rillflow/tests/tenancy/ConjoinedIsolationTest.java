package io.rillflow.tests.tenancy;

import io.rillflow.tenancy.Tenancy;

/** The isolation suite with conjoined tenants: one set of tables, a tenant_id leading every key; every case. */
class ConjoinedIsolationTest extends TenantIsolationSuite {
  @Override
  protected Tenancy tenancy() {
    return Tenancy.conjoined();
  }
}
