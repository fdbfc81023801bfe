package io.rillflow.tests.tenancy;

import io.rillflow.tenancy.Tenancy;

/**
 * The tenants' daemon budget with conjoined tenants: every (projection, tenant) has its own checkpoint,
 * lease and epoch in the store's one rf_projections, reads only its tenant's events, and the daemon's
 * connections in use stay within the budget.
 */
class ConjoinedDaemonBudgetTest extends TenantDaemonBudgetTest {
  @Override
  protected Tenancy tenancy() {
    return Tenancy.conjoined();
  }

  @Override
  protected String projectionTotalsOf(String storeSchema, String tenant) {
    return "\"" + storeSchema + "\".doc_projection_total WHERE tenant_id = '" + tenant + "'";
  }
}
