package io.rillflow.internal;

import io.rillflow.AutoCreate;
import io.rillflow.BulkMode;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.QuerySession;
import io.rillflow.SchemaPlan;
import io.rillflow.StoreSchema;
import io.rillflow.Trace;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.events.EventStore;
import io.rillflow.internal.tenancy.TenantDirectory;
import io.rillflow.projections.Projections;
import io.rillflow.spi.StoreSettings;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.tenancy.TenantRequiredException;
import io.rillflow.tenancy.Tenants;
import java.sql.Connection;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A store with tenancy as the application holds it: every piece of work names its tenant through
 * {@link #forTenant}, whose views are the stores of the tenants' schemas ({@link DefaultDocumentStore}s
 * sharing this store's pool and lifetime); work without a tenant is refused with
 * {@link TenantRequiredException}. There is no default tenant. The store's own schema holds Rillflow's
 * tables, the tenant registry and the shared documents ({@link #schema()} manages their tables); with
 * conjoined tenants it holds every tenant's rows too, and the views are stores of tenant filters over it.
 */
final class TenantedDocumentStore implements DocumentStore {
  private final DefaultDocumentStore root;
  private final TenantDirectory tenants;
  private final Tenancy tenancy;

  TenantedDocumentStore(DefaultDocumentStore root, StoreSettings settings) {
    this.root = root;
    this.tenancy = settings.tenancy();
    this.tenants = TenantStoresOf.tenants(root, settings);
  }

  private static TenantRequiredException noTenant(String operation) {
    return new TenantRequiredException(operation);
  }

  @Override
  public DocumentSession openSession() {
    throw noTenant("openSession()");
  }

  @Override
  public DocumentSession openSession(Connection transaction) {
    throw noTenant("openSession(connection)");
  }

  @Override
  public DocumentSession lightweightSession() {
    throw noTenant("lightweightSession()");
  }

  @Override
  public DocumentSession lightweightSession(Connection transaction) {
    throw noTenant("lightweightSession(connection)");
  }

  @Override
  public QuerySession querySession() {
    throw noTenant("querySession()");
  }

  @Override
  public <T> long bulkInsert(Collection<T> documents, BulkMode mode) {
    throw noTenant("bulkInsert(...)");
  }

  @Override
  public <R extends DocumentRepository<?, ?>> R repository(Class<R> type) {
    throw noTenant("repository(" + type.getSimpleName() + ".class)");
  }

  @Override
  public EventStore events() {
    throw noTenant("events()");
  }

  @Override
  public <A> AggregateRepository<A> aggregates(Class<A> type) {
    throw noTenant("aggregates(" + type.getSimpleName() + ".class)");
  }

  @Override
  public Projections projections() {
    throw noTenant("projections()");
  }

  @Override
  public io.rillflow.aggregates.SnapshotCompaction snapshots() {
    throw noTenant("snapshots()");
  }

  @Override
  public io.rillflow.subscriptions.Subscriptions subscriptions() {
    throw noTenant("subscriptions()");
  }

  @Override
  public DocumentStore forTenant(String tenantId) {
    checkOpen();
    return tenants.forTenant(tenantId);
  }

  @Override
  public Tenants tenants() {
    checkOpen();
    return tenants;
  }

  @Override
  public Trace trace() {
    return root.trace();
  }

  /** The document tables of the store's own schema: the shared documents' (with conjoined tenants, every table). */
  @Override
  public StoreSchema schema() {
    return root.schema();
  }

  @Override
  public String schemaName() {
    return root.schemaName();
  }

  /** None: this is the store of every tenant; {@code forTenant(id).tenantId()} names one. */
  @Override
  public Optional<String> tenantId() {
    return Optional.empty();
  }

  @Override
  public Set<Class<?>> documentTypes() {
    return root.documentTypes();
  }

  @Override
  public DataSource dataSource() {
    return root.dataSource();
  }

  private void checkOpen() {
    root.checkOpen();
  }

  @Override
  public void close() {
    if (root.markClosed()) {
      tenants.close();
      root.shutDown();
    }
  }

  @Override
  public String toString() {
    return "DocumentStore[schema=" + root.schemaName() + ", tenancy=" + tenancy + ", documents="
        + root.documentTypes().size() + "]";
  }
}
