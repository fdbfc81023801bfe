package io.rillflow.tests.tenancy;

import io.rillflow.tenancy.Tenancy;
import io.rillflow.tenancy.TenantDatabases;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestServer;
import io.rillflow.test.TestServers;
import java.util.Map;

/**
 * The isolation suite with a database per tenant over two servers: alpha in the test database (the
 * store's own pool), beta on an extra embedded server (a pool of its own).
 */
class PerDbIsolationTest extends TenantIsolationSuite {
  private static final TestServer OTHER = TestServers.extra("tenants-b");

  @Override
  protected Tenancy tenancy() {
    return Tenancy.databasePerTenant(TenantDatabases.of(Map.of(
        "alpha", TestDatabase.shared().jdbcUrl(),
        "beta", OTHER.jdbcUrl())));
  }

  @Override
  protected boolean alphaAndBetaShareADatabase() {
    return false;
  }

  @Override
  protected void dropElsewhere(String storeSchema) {
    OTHER.dropSchema(storeSchema);
  }
}
