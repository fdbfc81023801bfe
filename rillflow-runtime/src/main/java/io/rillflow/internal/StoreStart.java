package io.rillflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.GroupWorkers;
import io.rillflow.internal.schema.ConjoinedKeys;
import io.rillflow.internal.schema.RillflowMigrations;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.internal.tenancy.TenantAccess;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.StoreSettings;
import io.rillflow.tenancy.Tenancy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * How a store starts: its modules, its pool, Rillflow's migrations, then the root
 * {@link DefaultDocumentStore} placed in the settings' schema with its tables brought to the settings;
 * with tenancy the application gets that store behind a {@link TenantedDocumentStore}.
 */
final class StoreStart {
  private StoreStart() {}

  /** Loads the modules, connects and migrates; on any failure closes what it opened. */
  static DocumentStore start(StoreSettings settings) {
    // Modules first: a conflict between them should fail before any connection is made.
    ModuleParts parts = ModuleParts.load(settings);
    ObjectMapper objectMapper = JsonMappers.create(settings.objectMapper());
    HikariDataSource pool = settings.dataSource() == null ? StorePool.open(settings) : null;
    DataSource dataSource = pool != null ? pool : settings.dataSource();
    DefaultDocumentStore store = null;
    try {
      if (settings.autoCreate() != AutoCreate.NONE) {
        RillflowMigrations.migrate(dataSource, settings.schema());
      }
      boolean tenanted = settings.tenancy().hasTenants();
      boolean conjoined = settings.tenancy().mode() == Tenancy.Mode.CONJOINED;
      // With schemas or databases per tenant the store's own schema holds Rillflow's tables, the tenant
      // registry and only the shared document tables; every other table lives in the tenants' schemas.
      // Conjoined tenants share the store's tables, each row marked with its tenant.
      List<DocumentMapping<?, ?>> owned = tenanted && !conjoined
          ? parts.all().stream().filter(DocumentMapping::shared).toList()
          : List.copyOf(parts.all());
      StorePlacement placement = new StorePlacement(settings.schema(), owned,
          new DocumentTables(parts.all(), settings.schema(), objectMapper), new AtomicBoolean(), pool, true,
          TenantAccess.NONE, null, TenantFilter.NONE, conjoined);
      store = new DefaultDocumentStore(placement, dataSource,
          scope -> ReadReplica.open(settings.readReplica(), settings.schema(), scope), parts, objectMapper, settings,
          GroupWorkers.of(settings.groupAppends(), settings.schema()));
      store.startSchema(settings, settings.autoCreate());
      // After the document tables: a schema whose tables a store of the other mode made is refused there,
      // before its event keys are touched.
      ConjoinedKeys.settle(dataSource, settings.schema(), conjoined, settings.autoCreate());
      StartupLine.log(settings.schema(), settings.autoCreate(), parts, store.storeEvents().projections().registered());
      return tenanted ? new TenantedDocumentStore(store, settings) : store;
    } catch (RuntimeException e) {
      if (store != null) {
        store.replica().close();
      }
      if (pool != null) {
        pool.close();
      }
      throw e;
    }
  }
}
