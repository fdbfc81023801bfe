package io.rillflow.internal.tenancy;

import io.rillflow.DocumentStore;
import io.rillflow.SchemaException;
import io.rillflow.StoreSchema;
import io.rillflow.internal.schema.RillflowMigrations;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.internal.sql.Transaction;
import io.rillflow.tenancy.TenantDaemon;
import io.rillflow.tenancy.TenantStatus;
import io.rillflow.tenancy.UnknownTenantException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import io.rillflow.internal.projections.TenantShards;
import javax.sql.DataSource;

/**
 * The tenants of a store with {@code Tenancy.conjoined()}: every tenant in the store's own tables, each
 * row marked with its {@code tenant_id}. A tenant is a row of {@link TenantRegistry} and nothing else:
 * {@code ensure} registers it, {@code drop} deletes its rows from every tenant table (its documents, and
 * its streams, events hot and archived, tags, aliases, store-wide idempotency keys, snapshots, projection rows,
 * dead letters and subscriptions) and then the registry row.
 * Its store (statements built for its id) is made on the first {@code forTenant} in a process after one
 * look at the registry, and cached: after that {@code forTenant} is a map lookup.
 */
public final class ConjoinedTenants implements TenantDirectory {
  /**
   * Rillflow's tables whose rows carry a tenant (V90, V92..V95), deleted in this order: tags before their
   * events (no cascade since V80), the subscription tables children first, though deleting a subscription
   * would cascade.
   */
  private static final List<String> RILLFLOW_TABLES = List.of("rf_event_tags", "rf_events", "rf_events_archived",
      "rf_streams", "rf_snapshots", "rf_dead_letters", "rf_projections", "rf_stream_aliases", "rf_idempotency_keys",
      "rf_subscription_parked", "rf_subscription_members", "rf_subscription_partitions", "rf_subscription_groups",
      "rf_subscriptions");
  private final DataSource dataSource;
  private final String storeSchema;
  private final TenantSchemas ids;
  private final TenantRegistry registry;
  private final Function<String, DocumentStore> views;
  private final StoreSchema tables;
  /** The tables holding tenants' rows, unqualified: what an export writes (the archive's too, empty so far). */
  private final Set<String> exported;
  /** {@code DELETE FROM <table> WHERE tenant_id = ?}, one per tenant document table, qualified once. */
  private final List<String> deletes;
  private final Map<String, DocumentStore> opened = new ConcurrentHashMap<>();
  private final Consumer<DocumentStore> shutDown;
  private final TenantProjectionScheduler daemon;

  /**
   * @param views makes the store of a registered tenant
   * @param tables the store's own document tables (every tenant's)
   * @param tenantTables the unqualified names of the tables whose rows carry a tenant (all but the shared)
   * @param shutDown stops what a tenant's store runs (its projection daemon)
   * @param shards which (projection, tenant) pairs this node steps, as the store's cluster assigns them
   */
  public ConjoinedTenants(DataSource dataSource, String storeSchema, Function<String, DocumentStore> views,
      StoreSchema tables, List<String> tenantTables, Consumer<DocumentStore> shutDown, int concurrentBatches,
      Duration pollInterval, TenantShards shards) {
    this.shutDown = shutDown;
    this.daemon = new TenantProjectionScheduler(this::list, this::forTenant, concurrentBatches, pollInterval, shards);
    this.dataSource = dataSource;
    this.storeSchema = storeSchema;
    // The ids of every mode, though no schema is named after them here: a tenant can move between modes.
    this.ids = new TenantSchemas(storeSchema.substring(0, Math.min(storeSchema.length(), TenantSchemas.LONGEST_STORE_SCHEMA)));
    this.registry = new TenantRegistry(dataSource, storeSchema);
    this.views = views;
    this.tables = tables;
    this.exported = java.util.stream.Stream.of(tenantTables, RILLFLOW_TABLES)
        .flatMap(List::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.deletes = java.util.stream.Stream.concat(tenantTables.stream(), RILLFLOW_TABLES.stream()).map(table -> "DELETE FROM " + Identifiers.quote(storeSchema) + "."
        + Identifiers.quote(table) + " WHERE " + TenantFilter.COLUMN + " = ?").toList();
  }

  @Override
  public DocumentStore forTenant(String tenantId) {
    DocumentStore store = opened.get(tenantId);
    return store != null ? store : open(tenantId);
  }

  private DocumentStore open(String tenantId) {
    ids.check(tenantId);
    if (!registry.presence(tenantId, storeSchema).registered()) {
      throw new UnknownTenantException(tenantId, "not provisioned in this store; call store.tenants().ensure(\""
          + tenantId + "\") first");
    }
    // Two threads may build a view at once: both are plain objects over the same tables; one is kept.
    return opened.computeIfAbsent(tenantId, views);
  }

  @Override
  public io.rillflow.tenancy.Tenants tenants() {
    return this;
  }

  @Override
  public void ensure(String tenantId) {
    if (opened.containsKey(tenantId)) {
      return;
    }
    ids.check(tenantId);
    // The insert is idempotent (ON CONFLICT DO NOTHING): racing callers all succeed, one row results.
    locked(tenantId, "provision", connection -> registry.register(connection, tenantId));
    opened.computeIfAbsent(tenantId, views);
  }

  @Override
  public List<String> list() {
    return registry.list();
  }

  @Override
  public TenantStatus status(String tenantId) {
    ids.check(tenantId);
    if (!registry.presence(tenantId, storeSchema).registered()) {
      throw new UnknownTenantException(tenantId, "not provisioned in this store");
    }
    return new TenantStatus(tenantId, storeSchema, true, RillflowMigrations.appliedVersion(dataSource, storeSchema),
        RillflowMigrations.latestVersion(), tables.plan());
  }

  /** The tenants share the store's tables: migrating them is migrating the store's schema, once. */
  @Override
  public List<String> migrateAll() {
    RillflowMigrations.migrate(dataSource, storeSchema);
    tables.apply();
    return registry.list();
  }

  /** The tenant's rows of every tenant table, in the files a schema per tenant exports (see {@link ConjoinedRows}). */
  @Override
  public Path export(String tenantId, Path target) {
    forTenant(tenantId);
    return TenantExport.write(dataSource, tenantId, new ConjoinedRows(storeSchema, tenantId, exported), target);
  }

  /** Registers the tenant when it is new, then loads the files as its rows, whole or not at all. */
  @Override
  public void importFrom(String tenantId, Path source) {
    ensure(tenantId);
    TenantExport.read(dataSource, tenantId, new ConjoinedRows(storeSchema, tenantId, exported), source);
  }

  /**
   * Every tenant's async projections under one connection budget, as with a schema per tenant: each
   * (projection, tenant) has its own checkpoint, lease and epoch, and reads only its tenant's events.
   */
  @Override
  public TenantDaemon daemon() {
    return daemon;
  }

  /** Deletes the tenant's rows from every tenant table and its registry row, in one transaction. */
  @Override
  public void drop(String tenantId, String confirmation) {
    ids.check(tenantId);
    if (!tenantId.equals(confirmation)) {
      throw new IllegalArgumentException("Not dropping tenant \"" + tenantId + "\": confirm by passing its id"
          + " again as the second argument (got \"" + confirmation + "\")");
    }
    locked(tenantId, "drop", connection -> {
      DocumentStore store = opened.remove(tenantId);
      if (store != null) {
        shutDown.accept(store);
      }
      Transaction.run(connection, c -> {
        for (String delete : deletes) {
          try (PreparedStatement statement = c.prepareStatement(delete)) {
            statement.setString(1, tenantId);
            statement.executeUpdate();
          }
        }
        registry.forget(c, tenantId);
        return null;
      });
    });
  }

  @Override
  public void assign(String tenantId, String databaseUrl) {
    throw new IllegalStateException("assign(tenant, database URL) is for stores built with"
        + " Tenancy.databasePerTenant(TenantDatabases.masterTable()); a conjoined store keeps every tenant in its"
        + " own tables");
  }

  /** Stops the tenants' daemon, then every tenant store's own: the store is closing. */
  @Override
  public void close() {
    daemon.stop();
    opened.values().forEach(shutDown);
    opened.clear();
  }

  private interface LockedWork {
    void run(Connection connection) throws SQLException;
  }

  private void locked(String tenantId, String what, LockedWork work) {
    try (Connection connection = dataSource.getConnection()) {
      TenantLock.holding(connection, tenantId, storeSchema + "/" + tenantId, () -> {
        work.run(connection);
        return null;
      });
    } catch (SQLException e) {
      throw new SchemaException("Cannot " + what + " tenant \"" + tenantId + "\" of store schema \"" + storeSchema
          + "\": " + e.getMessage(), e);
    }
  }
}
