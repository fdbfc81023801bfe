package io.rillflow.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaPlan;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.schema.DefaultStoreSchema;
import io.rillflow.internal.schema.RillflowMigrations;
import io.rillflow.internal.projections.TenantShards;
import io.rillflow.internal.sql.NamedDataSource;
import io.rillflow.internal.sql.TenantFilter;
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
import java.util.List;
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
          tenantId -> conjoinedTenantStore(root, tenantId, all[0], settings), root.schema(),
          root.parts().all().stream().filter(mapping -> !mapping.shared()).map(DocumentMapping::tableName).toList(),
          store -> ((DefaultDocumentStore) store).shutDown(), tenancy.concurrentBatchesPerDatabase(),
          settings.projectionOptions().pollInterval(), root.storeEvents().tenantShards());
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
        root.storeEvents().tenantShards());
  }

  /** The schema-per-tenant tenants inside one database, whose store schema {@code home} serves. */
  private static SchemaTenants inDatabase(DefaultDocumentStore home, DataSource data, StoreSettings settings,
      Function<String, DataSource> tenantData, TenantAccess access, Runnable closed, TenantShards shards) {
    return new SchemaTenants(data, home.schemaName(), new TenantStores() {
      @Override
      public DocumentStore open(String tenantId, String tenantSchema, TenantAccess views, AutoCreate autoCreate) {
        return tenantStore(home, tenantId, tenantSchema, tenantData.apply(tenantId), views, settings, autoCreate);
      }

      @Override
      public SchemaPlan plan(String tenantSchema) {
        return tenantSchema(home, tenantSchema).plan();
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
      DefaultDocumentStore home = own ? root : databaseStore(root, data, pool, settings);
      return inDatabase(home, data, settings,
          tenantId -> new NamedDataSource(raw, TenantServers.describe(tenantId, url)),
          access, own ? () -> {} : home::shutDown, root.storeEvents().tenantShards());
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      throw e;
    }
  }

  /**
   * The store of one tenant's schema, sharing {@code home}'s modules, mapper, shared document tables and
   * lifetime, reading and writing through {@code tenantData} (its pool, or a view of it whose failures
   * name the tenant): its SQL is qualified for {@code tenantSchema} once, here. Checks the tenant's
   * document tables against the catalogue once (adding what is missing as {@code autoCreate} allows).
   */
  private static DefaultDocumentStore tenantStore(DefaultDocumentStore home, String tenantId, String tenantSchema,
      DataSource tenantData, TenantAccess tenants, StoreSettings settings, AutoCreate autoCreate) {
    List<DocumentMapping<?, ?>> owned = ownedByTenants(home);
    StorePlacement tenant = new StorePlacement(tenantSchema, owned, tenantTables(home, tenantSchema, owned),
        home.placement().closed(), null, false, tenants, tenantId, TenantFilter.NONE, false);
    DefaultDocumentStore store = home.view(tenant, tenantData, settings);
    store.startSchema(settings, autoCreate);
    return store;
  }

  /**
   * The store of {@code root}'s schema in another database of a database-per-tenant store: Rillflow's
   * tables, the tenant registry and the shared documents there (one copy per database), through
   * {@code data}; it closes {@code ownedPool} (when not {@code null}) at its {@code shutDown()} and
   * otherwise shares {@code root}'s lifetime. Rillflow's tables must be migrated.
   */
  private static DefaultDocumentStore databaseStore(DefaultDocumentStore root, DataSource data,
      HikariDataSource ownedPool, StoreSettings settings) {
    String schema = root.schemaName();
    StorePlacement there = new StorePlacement(schema, root.placement().owned(),
        new DocumentTables(root.parts().all(), schema, root.objectMapper()), root.placement().closed(), ownedPool,
        false, TenantAccess.NONE, null, TenantFilter.NONE, false);
    DefaultDocumentStore store = root.view(there, data, settings);
    store.startSchema(settings, settings.autoCreate());
    return store;
  }

  /**
   * The store of one tenant of a conjoined store: {@code root}'s schema, pool and lifetime, its document
   * statements built for {@code tenantId} once, here. Reads no catalogue ({@code root} has: the tables
   * are its own), so a first {@code forTenant} costs the statements' text and nothing on the server.
   */
  private static DefaultDocumentStore conjoinedTenantStore(DefaultDocumentStore root, String tenantId,
      TenantAccess tenants, StoreSettings settings) {
    TenantFilter tenant = TenantFilter.of(tenantId);
    String schema = root.schemaName();
    StorePlacement view = new StorePlacement(schema, List.of(),
        root.placement().tables().forTenant(tenant, schema, root.objectMapper()), root.placement().closed(), null,
        false, tenants, tenantId, tenant, false);
    return root.view(view, root.dataSource(), settings);
  }

  /** The document tables a tenant's schema should hold, for comparing with its catalogue; touches nothing. */
  private static DefaultStoreSchema tenantSchema(DefaultDocumentStore home, String tenantSchema) {
    List<DocumentMapping<?, ?>> owned = ownedByTenants(home);
    return new DefaultStoreSchema(home.dataSource(), tenantSchema, owned, tenantTables(home, tenantSchema, owned));
  }

  /** The document types each tenant's schema holds: every one but the shared ones. */
  private static List<DocumentMapping<?, ?>> ownedByTenants(DefaultDocumentStore home) {
    return home.parts().all().stream().filter(m -> !m.shared()).toList();
  }

  /** The tables of a tenant's schema: {@code owned} there, the shared ones in {@code home}'s schema. */
  private static DocumentTables tenantTables(DefaultDocumentStore home, String tenantSchema,
      List<DocumentMapping<?, ?>> owned) {
    return new DocumentTables(home.parts().all(), owned, tenantSchema, home.objectMapper(), home.placement().tables());
  }
}
