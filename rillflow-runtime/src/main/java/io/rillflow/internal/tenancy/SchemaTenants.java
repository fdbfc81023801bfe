package io.rillflow.internal.tenancy;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.SchemaException;
import io.rillflow.SchemaPlan;
import io.rillflow.internal.schema.RillflowMigrations;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.tenancy.TenantDaemon;
import io.rillflow.tenancy.TenantStatus;
import io.rillflow.tenancy.Tenants;
import io.rillflow.tenancy.UnknownTenantException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The tenants of a store with {@code Tenancy.schemaPerTenant()}: each tenant's schema named by
 * {@link TenantSchemas}, provisioned under a {@link TenantLock}, registered in {@link TenantRegistry}
 * last (so a registered tenant is a complete one), and its store built once per process and cached by
 * tenant id. After the first {@code forTenant(id)}, the view comes from the cache: no catalogue read,
 * no string work.
 */
public final class SchemaTenants implements TenantDirectory {
  private final DataSource dataSource;
  private final TenantSchemas schemas;
  private final TenantRegistry registry;
  private final TenantStores stores;
  private final AutoCreate autoCreate;
  /** What the tenants' views answer to {@code forTenant} and {@code tenants()}: the store's whole tenancy. */
  private final TenantAccess access;
  private final Map<String, DocumentStore> opened = new ConcurrentHashMap<>();
  /**
   * One monitor per tenant being provisioned in this process: racing threads queue here, not on the
   * database lock, where each would hold a pooled connection while the holder needs more of them.
   */
  private final Map<String, Object> provisioning = new ConcurrentHashMap<>();

  private final TenantProjectionScheduler daemon;

  public SchemaTenants(DataSource dataSource, String storeSchema, TenantStores stores, AutoCreate autoCreate,
      int concurrentBatches, Duration pollInterval) {
    this(dataSource, storeSchema, stores, autoCreate, concurrentBatches, pollInterval, null);
  }

  /**
   * The tenants of one database among several ({@code Tenancy.databasePerTenant}): their views answer
   * {@code forTenant} and {@code tenants()} with {@code access}, the store's tenancy over every database.
   */
  public SchemaTenants(DataSource dataSource, String storeSchema, TenantStores stores, AutoCreate autoCreate,
      int concurrentBatches, Duration pollInterval, TenantAccess access) {
    this.access = access != null ? access : this;
    this.dataSource = dataSource;
    this.schemas = new TenantSchemas(storeSchema);
    this.registry = new TenantRegistry(dataSource, storeSchema);
    this.stores = stores;
    this.autoCreate = autoCreate;
    this.daemon = new TenantProjectionScheduler(registry::list, this::forTenant, concurrentBatches, pollInterval,
        stores.shards());
  }

  @Override
  public TenantDaemon daemon() {
    return daemon;
  }

  /** Stops the tenants' daemon, then every tenant store's own: the store is closing. */
  public void close() {
    daemon.stop();
    for (DocumentStore store : opened.values()) {
      stores.shutDown(store);
    }
    stores.closed();
  }

  @Override
  public DocumentStore forTenant(String tenantId) {
    DocumentStore store = opened.get(tenantId);
    return store != null ? store : open(tenantId);
  }

  /** The first {@code forTenant} of a tenant in this process: checks it is provisioned, then builds its store. */
  private DocumentStore open(String tenantId) {
    String schema = schemas.schemaOf(tenantId);
    TenantRegistry.Presence presence = registry.presence(tenantId, schema);
    if (!presence.registered()) {
      throw new UnknownTenantException(tenantId, "not provisioned in this store; call store.tenants().ensure(\""
          + tenantId + "\") first");
    }
    if (!presence.schemaExists()) {
      throw missingSchema(tenantId, schema);
    }
    if (autoCreate != AutoCreate.NONE) {
      RillflowMigrations.migrate(dataSource, schema);
    }
    return cache(tenantId, stores.open(tenantId, schema, access, autoCreate));
  }

  private DocumentStore cache(String tenantId, DocumentStore store) {
    DocumentStore first = opened.putIfAbsent(tenantId, store);
    if (first != null) {
      // Another thread opened it meanwhile: keep one store per tenant (this one has started nothing).
      stores.shutDown(store);
      return first;
    }
    return store;
  }

  private static UnknownTenantException missingSchema(String tenantId, String schema) {
    return new UnknownTenantException(tenantId, "registered, but its schema \"" + schema + "\" is missing"
        + " (dropped outside Rillflow?); store.tenants().ensure(\"" + tenantId + "\") recreates it empty,"
        + " importFrom(...) reloads an export");
  }

  @Override
  public Tenants tenants() {
    return this;
  }

  @Override
  public void ensure(String tenantId) {
    if (opened.containsKey(tenantId)) {
      return;
    }
    String schema = schemas.schemaOf(tenantId);
    synchronized (provisioning.computeIfAbsent(tenantId, id -> new Object())) {
      if (!opened.containsKey(tenantId)) {
        provision(tenantId, schema);
      }
    }
  }

  private void provision(String tenantId, String schema) {
    locked(tenantId, schema, "provision", connection -> {
      TenantRegistry.Presence presence = registry.presence(tenantId, schema);
      // Each step is idempotent: a provisioning cut short (a killed connection, a crash) is finished here.
      RillflowMigrations.migrate(dataSource, schema);
      DocumentStore store = stores.open(tenantId, schema, access, AutoCreate.CREATE_OR_UPDATE);
      if (!presence.registered()) {
        registry.register(connection, tenantId);
      }
      cache(tenantId, store);
      return null;
    });
  }

  @Override
  public List<String> list() {
    return registry.list();
  }

  @Override
  public TenantStatus status(String tenantId) {
    String schema = schemas.schemaOf(tenantId);
    TenantRegistry.Presence presence = registry.presence(tenantId, schema);
    if (!presence.registered()) {
      throw new UnknownTenantException(tenantId, "not provisioned in this store");
    }
    if (!presence.schemaExists()) {
      return new TenantStatus(tenantId, schema, false, 0, RillflowMigrations.latestVersion(),
          new SchemaPlan(List.of()));
    }
    return new TenantStatus(tenantId, schema, true, RillflowMigrations.appliedVersion(dataSource, schema),
        RillflowMigrations.latestVersion(), stores.plan(schema));
  }

  @Override
  public List<String> migrateAll() {
    List<String> migrated = new ArrayList<>();
    for (String tenantId : registry.list()) {
      String schema = schemas.schemaOf(tenantId);
      locked(tenantId, schema, "migrate", connection -> {
        RillflowMigrations.migrate(dataSource, schema);
        DocumentStore store = opened.get(tenantId);
        if (store != null) {
          store.schema().apply();
        } else {
          cache(tenantId, stores.open(tenantId, schema, access, AutoCreate.CREATE_OR_UPDATE));
        }
        return null;
      });
      migrated.add(tenantId);
    }
    return migrated;
  }

  @Override
  public Path export(String tenantId, Path target) {
    String schema = schemas.schemaOf(tenantId);
    forTenant(tenantId);
    return TenantExport.write(dataSource, tenantId, new SchemaRows(schema), target);
  }

  @Override
  public void importFrom(String tenantId, Path source) {
    ensure(tenantId);
    String schema = schemas.schemaOf(tenantId);
    TenantExport.read(dataSource, tenantId, new SchemaRows(schema), source);
  }

  @Override
  public void drop(String tenantId, String confirmation) {
    String schema = schemas.schemaOf(tenantId);
    if (!tenantId.equals(confirmation)) {
      throw new IllegalArgumentException("Not dropping tenant \"" + tenantId + "\": confirm by passing its id"
          + " again as the second argument (got \"" + confirmation + "\")");
    }
    locked(tenantId, schema, "drop", connection -> {
      DocumentStore store = opened.remove(tenantId);
      if (store != null) {
        stores.shutDown(store);
      }
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + Identifiers.quote(schema) + " CASCADE");
        registry.forget(connection, tenantId);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      return null;
    });
  }

  @Override
  public void assign(String tenantId, String databaseUrl) {
    throw new IllegalStateException("assign(tenant, database URL) is for stores built with"
        + " Tenancy.databasePerTenant(TenantDatabases.masterTable()); this one keeps every tenant in its own database");
  }

  private interface LockedWork {
    Void run(Connection connection) throws SQLException;
  }

  private void locked(String tenantId, String schema, String what, LockedWork work) {
    try (Connection connection = dataSource.getConnection()) {
      TenantLock.holding(connection, tenantId, schema, () -> work.run(connection));
    } catch (SQLException e) {
      throw new SchemaException("Cannot " + what + " tenant \"" + tenantId + "\" (schema \"" + schema + "\"): "
          + e.getMessage(), e);
    } catch (SchemaException e) {
      if (e.getMessage().contains("\"" + tenantId + "\"")) {
        throw e;
      }
      throw new SchemaException("Cannot " + what + " tenant \"" + tenantId + "\": " + e.getMessage(), e);
    }
  }
}
