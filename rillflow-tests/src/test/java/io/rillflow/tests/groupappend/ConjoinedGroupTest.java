package io.rillflow.tests.groupappend;

import io.rillflow.tenancy.Tenancy;

/** Group append on tenants' stores with conjoined tenants: every group's statement is built for one tenant. */
class ConjoinedGroupTest extends TenantGroupAppendSuite {
  @Override
  protected Tenancy tenancy(int manyTenants) {
    return Tenancy.conjoined();
  }

  /** A tenant costs a registry row here: a thousand tenants append at once. */
  @Override
  protected int manyTenants() {
    return 1000;
  }
}
