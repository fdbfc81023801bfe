package io.rillflow.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaPlan;
import io.rillflow.internal.schema.RillflowMigrations;
import io.rillflow.internal.projections.TenantShards;
import io.rillflow.internal.sql.NamedDataSource;
import io.rillflow.internal.tenancy.ConjoinedTenants;
import io.rillflow.internal.tenancy.DatabaseTenants;
import io.rillflow.internal.tenancy.SchemaTenants;
import io.rillflow.internal.tenancy.TenantAccess;
import io.rillflow.internal.tenancy.TenantDirectory;
import io.rillflow.internal.tenancy.TenantServers;
import io.rillflow.internal.tenancy.TenantStores;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.StoreSettings;
import io.rillflow.tenancy.Tenancy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The tenants of a tenanted store, per mode: conjoined in the store's own tables, schema per tenant in the
 * store's own database, or
 * database per tenant, where each database (one pool per distinct URL, the store's own pool for its
 * own URL) holds Rillflow's tables, the tenant registry and the shared documents in the store's schema
 * and each of its tenants in a schema of its own. Every tenant's store reads and writes through a
 * {@link NamedDataSource}, so a connection that cannot be had names the tenant and its server.
 */
final class TenantStoresOf {
  private TenantStoresOf() {}

  static TenantDirectory tenants(DefaultDocumentStore root, StoreSettings settings) {
    Tenancy tenancy = settings.tenancy();
    if (tenancy.mode() == Tenancy.Mode.CONJOINED) {
      ConjoinedTenants[] all = new ConjoinedTenants[1];
      all[0] = new ConjoinedTenants(root.dataSource(), root.schemaName(),
          tenantId -> root.conjoinedTenantStore(tenantId, all[0], settings), root.schema(),
          root.parts().all().stream().filter(mapping -> !mapping.shared()).map(DocumentMapping::tableName).toList(),
          store -> ((DefaultDocumentStore) store).shutDown(), tenancy.concurrentBatchesPerDatabase(),
          settings.projectionOptions().pollInterval(), root.tenantShards());
      return all[0];
    }
    if (tenancy.mode() == Tenancy.Mode.DATABASE_PER_TENANT) {
      AtomicInteger pools = new AtomicInteger();
      // The tenants' views answer forTenant and tenants() with the tenancy over every database.
      DatabaseTenants[] all = new DatabaseTenants[1];
      all[0] = new DatabaseTenants(tenancy.databases().orElseThrow(),
          DatabaseTenants.masterTable(root.dataSource(), root.schemaName()),
          url -> database(root, settings, url, pools.incrementAndGet(), all[0]));
      return all[0];
    }
    return inDatabase(root, root.dataSource(), settings, tenantId -> root.dataSource(), null, () -> {},
        root.tenantShards());
  }

  /** The schema-per-tenant tenants inside one database, whose store schema {@code home} serves. */
  private static SchemaTenants inDatabase(DefaultDocumentStore home, DataSource data, StoreSettings settings,
      Function<String, DataSource> tenantData, TenantAccess access, Runnable closed, TenantShards shards) {
    return new SchemaTenants(data, home.schemaName(), new TenantStores() {
      @Override
      public DocumentStore open(String tenantId, String tenantSchema, TenantAccess views, AutoCreate autoCreate) {
        return home.tenantStore(tenantId, tenantSchema, tenantData.apply(tenantId), views, settings, autoCreate);
      }

      @Override
      public SchemaPlan plan(String tenantSchema) {
        return home.tenantSchema(tenantSchema).plan();
      }

      @Override
      public void shutDown(DocumentStore store) {
        ((DefaultDocumentStore) store).shutDown();
      }

      @Override
      public TenantShards shards() {
        return shards;
      }

      @Override
      public void closed() {
        closed.run();
      }
    }, settings.autoCreate(), settings.tenancy().concurrentBatchesPerDatabase(),
        settings.projectionOptions().pollInterval(), access);
  }

  /**
   * Opens the database at {@code url} for database per tenant: its pool (none new for the store's own
   * URL), Rillflow's tables and the shared document tables in the store's schema there. A failure
   * closes what it opened and names the server.
   */
  private static TenantDirectory database(DefaultDocumentStore root, StoreSettings settings, String url, int number,
      TenantAccess access) {
    boolean own = url.equals(settings.url());
    HikariDataSource pool = own ? null : StorePool.openTenantDatabase(settings, url, number);
    DataSource raw = own ? root.dataSource() : pool;
    NamedDataSource data = new NamedDataSource(raw, TenantServers.describe(url));
    try {
      if (settings.autoCreate() != AutoCreate.NONE) {
        RillflowMigrations.migrate(data, settings.schema());
      }
      DefaultDocumentStore home = own ? root : root.databaseStore(data, pool, settings);
      return inDatabase(home, data, settings,
          tenantId -> new NamedDataSource(raw, TenantServers.describe(tenantId, url)),
          access, own ? () -> {} : home::shutDown, root.tenantShards());
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      throw e;
    }
  }
}
