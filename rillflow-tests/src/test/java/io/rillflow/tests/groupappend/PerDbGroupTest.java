package io.rillflow.tests.groupappend;

import io.rillflow.tenancy.Tenancy;
import io.rillflow.tenancy.TenantDatabases;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestServer;
import io.rillflow.test.TestServers;
import java.util.HashMap;
import java.util.Map;

/**
 * Group append on tenants' stores with a database per tenant over two servers: alpha (and every even
 * tenant of the many) in the test database, beta (and every odd one) on an extra embedded server.
 */
class PerDbGroupTest extends TenantGroupAppendSuite {
  private static final TestServer OTHER = TestServers.extra("tenants-b");

  @Override
  protected Tenancy tenancy(int manyTenants) {
    Map<String, String> urls = new HashMap<>();
    urls.put("alpha", TestDatabase.shared().jdbcUrl());
    urls.put("beta", OTHER.jdbcUrl());
    for (int i = 0; i < manyTenants; i++) {
      urls.put(MANY + i, i % 2 == 0 ? TestDatabase.shared().jdbcUrl() : OTHER.jdbcUrl());
    }
    return Tenancy.databasePerTenant(TenantDatabases.of(urls));
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
