package io.rillflow.internal;

import io.rillflow.spi.StoreSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.AutoCreate;
import io.rillflow.BulkMode;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.projections.DaemonCluster;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.events.EventStore;
import io.rillflow.QuerySession;
import io.rillflow.RillflowException;
import io.rillflow.StoreSchema;
import io.rillflow.Trace;
import io.rillflow.events.UnknownEventTypes;
import io.rillflow.internal.aggregates.Aggregates;
import io.rillflow.internal.document.BulkLoader;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.AppendHook;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.events.StreamKeys;
import io.rillflow.internal.events.GroupWorkers;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.projections.Projections;
import io.rillflow.internal.projections.CommitNotifier;
import io.rillflow.internal.projections.DefaultProjections;
import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.internal.projections.InlineProjections;
import io.rillflow.internal.projections.ReadModels;
import io.rillflow.spi.RegisteredProjection;
import io.rillflow.internal.projections.SessionOpener;
import io.rillflow.internal.projections.TenantShards;
import io.rillflow.internal.query.CompiledQueryCall;
import io.rillflow.internal.query.DeleteQueue;
import io.rillflow.internal.schema.ConjoinedKeys;
import io.rillflow.internal.schema.EventLayout;
import io.rillflow.internal.schema.DefaultStoreSchema;
import io.rillflow.internal.schema.RillflowMigrations;
import io.rillflow.internal.session.BoundSession;
import io.rillflow.internal.session.SessionFactory;
import io.rillflow.internal.sql.JoinedScope;
import io.rillflow.internal.sql.OwnedScope;
import io.rillflow.internal.subscriptions.DefaultSubscriptions;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.internal.tenancy.TenantAccess;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.QueryCall;
import io.rillflow.spi.RepositorySupport;
import io.rillflow.tenancy.Tenants;
import java.sql.Connection;
import java.util.Collection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** The running store: immutable once {@link #start} returns. */
public final class DefaultDocumentStore implements DocumentStore, RepositorySupport {
  private final StorePlacement placement;
  private final String schema;
  private final DataSource dataSource;
  /** Mappings and repository factories the modules registered. */
  private final ModuleParts parts;
  private final ObjectMapper objectMapper;
  private final DocumentTables tables;
  private final DefaultStoreSchema storeSchema;
  private final SessionFactory sessions;
  /** Where work without a connection of the caller's runs: the store's data source. */
  private final OwnedScope ownedScope;
  /** Where query sessions read: a read replica, or the store's own scope when there is none. */
  private final ReadReplica replica;
  private final BulkLoader bulkLoader;
  /** Over live streams: what projections, subscriptions and aggregates read. */
  private final DefaultEventStore events;
  /** What {@link #events()} hands out: {@link #events}, or its view with the archive. */
  private final EventStore userEvents;
  private final Aggregates aggregates;
  private final DefaultProjections projections;
  private final StoreTracing tracing;
  private final DefaultSubscriptions subscriptions;
  private final Trace trace = new Trace();
  /** The threads of group append, the root's, shared with every tenant's store; the root stops them. */
  private final GroupWorkers groupWorkers;

  private DefaultDocumentStore(StorePlacement placement, DataSource dataSource,
      Function<OwnedScope, ReadReplica> replicaFor, ModuleParts parts, ObjectMapper objectMapper,
      StoreSettings settings, GroupWorkers groupWorkers) {
    this.placement = placement;
    this.groupWorkers = groupWorkers;
    this.schema = placement.schema();
    this.dataSource = dataSource;
    this.parts = parts;
    this.objectMapper = objectMapper;
    this.tables = placement.tables();
    this.storeSchema = new DefaultStoreSchema(dataSource, schema, placement.owned(), tables,
        placement.conjoinedTables());
    this.ownedScope = new OwnedScope(dataSource, placement.closed());
    this.replica = replicaFor.apply(ownedScope);
    // Suppliers, called once a session opens, after the constructor made the event store.
    StoreTracing tracing = StoreTracing.of(settings.openTelemetry());
    this.tracing = tracing;
    this.sessions = new SessionFactory(tables, objectMapper, this::sessionAppends, this::unprojectedAppends, tracing);
    // Sessions that projections write through: joined to one transaction, their appends not projected again.
    SessionOpener projectionSessions = new SessionOpener() {
      @Override
      public DocumentSession open(Connection transaction) {
        return sessions.projectionSession(transaction);
      }

      @Override
      public String schema() {
        return schema;
      }

      @Override
      public Optional<String> tenantId() {
        return DefaultDocumentStore.this.tenantId();
      }

      @Override
      public Trace trace() {
        return trace;
      }
    };
    List<RegisteredProjection> registered = settings.readModels()
        ? ReadModels.register(settings.projections(), parts.projections(), parts.aggregates().values(), parts::find)
        : settings.projections();
    List<RegisteredProjection> inline = DefaultProjections.inline(registered);
    this.events = new DefaultEventStore(dataSource, schema, parts.events(), objectMapper, settings.unknownEventTypes(),
        inline.isEmpty() ? AppendHook.NONE : new InlineProjections(inline, projectionSessions),
        inline.size() == registered.size() ? () -> {} : new CommitNotifier(dataSource, schema), trace,
        settings.appendDefaults(), settings.storeWideIdempotencyKeys(), tracing, this::querySession,
        groupWorkers,
        settings.readReplica().daemonReadsWait() == null ? null : replica.scope(),
        settings.readReplica().daemonReadsWait() == null ? Duration.ZERO : settings.readReplica().daemonReadsWait(),
        settings.meterRegistry(), settings.archive(), placement.tenant(),
        StreamKeys.of(settings.eventStorage().streamIdentity()));
    this.userEvents = settings.archive().includeArchivedByDefault() ? events.withArchived() : events;
    this.projections = new DefaultProjections(registered, dataSource, schema, events, projectionSessions,
        placement.root() ? settings.projectionOptions() : oneConnectionPerStep(settings.projectionOptions()),
        settings.meterRegistry(), tracing, placement.tenant());
    this.subscriptions = new DefaultSubscriptions(dataSource, schema, events, tracing, placement.tenant());
    this.bulkLoader = new BulkLoader(dataSource, tables.uniqueIndexes());
    this.aggregates = new Aggregates(parts.aggregates(), parts.events(), events, tables, this, ownedScope, schema,
        objectMapper, placement.tenant());
  }

  /** Loads the modules, connects and migrates; on any failure closes what it opened. */
  public static DocumentStore start(StoreSettings settings) {
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
      StartupLine.log(settings.schema(), settings.autoCreate(), parts, store.projections.registered());
      return tenanted ? new TenantedDocumentStore(store, settings) : store;
    } catch (RuntimeException e) {
      if (store != null) {
        store.replica.close();
      }
      if (pool != null) {
        pool.close();
      }
      throw e;
    }
  }

  /** Brings this store's schema to its settings: the document tables, then the event tables' layout. */
  private void startSchema(StoreSettings settings, AutoCreate autoCreate) {
    storeSchema.start(autoCreate);
    EventLayout.settle(dataSource, schema, settings.eventStorage(), autoCreate);
  }

  /**
   * The store of one tenant's schema, sharing this store's modules, mapper, shared document tables and
   * lifetime, reading and writing through {@code tenantData} (this store's pool, or a view of it whose
   * failures name the tenant): its SQL is qualified for {@code tenantSchema} once, here. Checks the
   * tenant's document tables against the catalogue once (adding what is missing as {@code autoCreate}
   * allows).
   */
  DefaultDocumentStore tenantStore(String tenantId, String tenantSchema, DataSource tenantData, TenantAccess tenants,
      StoreSettings settings, AutoCreate autoCreate) {
    List<DocumentMapping<?, ?>> owned = parts.all().stream().filter(m -> !m.shared()).toList();
    StorePlacement tenant = new StorePlacement(tenantSchema, owned,
        new DocumentTables(parts.all(), owned, tenantSchema, objectMapper, tables), placement.closed(), null, false,
        tenants, tenantId, TenantFilter.NONE, false);
    DefaultDocumentStore store = new DefaultDocumentStore(tenant, tenantData, replica::forView, parts, objectMapper,
        settings, groupWorkers);
    store.startSchema(settings, autoCreate);
    return store;
  }

  /**
   * The store of this store's schema in another database of a database-per-tenant store: Rillflow's
   * tables, the tenant registry and the shared documents there (one copy per database), through
   * {@code data}; it closes {@code ownedPool} (when not {@code null}) at its {@code shutDown()} and
   * otherwise shares this store's lifetime. Rillflow's tables must be migrated.
   */
  DefaultDocumentStore databaseStore(DataSource data, HikariDataSource ownedPool, StoreSettings settings) {
    StorePlacement there = new StorePlacement(schema, placement.owned(),
        new DocumentTables(parts.all(), schema, objectMapper), placement.closed(), ownedPool, false, TenantAccess.NONE,
        null, TenantFilter.NONE, false);
    DefaultDocumentStore store = new DefaultDocumentStore(there, data, replica::forView, parts, objectMapper, settings,
        groupWorkers);
    store.startSchema(settings, settings.autoCreate());
    return store;
  }

  /**
   * The store of one tenant of a conjoined store: this store's schema, pool and lifetime, its document
   * statements built for {@code tenantId} once, here. Reads no catalogue (this store has: the tables are
   * its own), so a first {@code forTenant} costs the statements' text and nothing on the server.
   */
  DefaultDocumentStore conjoinedTenantStore(String tenantId, TenantAccess tenants, StoreSettings settings) {
    TenantFilter tenant = TenantFilter.of(tenantId);
    StorePlacement view = new StorePlacement(schema, List.of(), tables.forTenant(tenant, schema, objectMapper),
        placement.closed(), null, false, tenants, tenantId, tenant, false);
    return new DefaultDocumentStore(view, dataSource, replica::forView, parts, objectMapper, settings, groupWorkers);
  }

  /** The document tables a tenant's schema should hold, for comparing with its catalogue; touches nothing. */
  DefaultStoreSchema tenantSchema(String tenantSchema) {
    List<DocumentMapping<?, ?>> owned = parts.all().stream().filter(m -> !m.shared()).toList();
    return new DefaultStoreSchema(dataSource, tenantSchema, owned,
        new DocumentTables(parts.all(), owned, tenantSchema, objectMapper, tables));
  }

  @Override
  public DocumentSession openSession() {
    checkOpen();
    return sessions.openSession(ownedScope);
  }

  @Override
  public DocumentSession openSession(Connection transaction) {
    checkOpen();
    return sessions.openSession(new JoinedScope(transaction));
  }

  @Override
  public DocumentSession lightweightSession() {
    checkOpen();
    return sessions.lightweightSession(ownedScope);
  }

  @Override
  public DocumentSession lightweightSession(Connection transaction) {
    checkOpen();
    return sessions.lightweightSession(new JoinedScope(transaction));
  }

  @Override
  public QuerySession querySession() {
    checkOpen();
    return sessions.querySession(replica.scope());
  }

  @Override
  public EventStore events() {
    checkOpen();
    return userEvents;
  }

  private SessionAppends sessionAppends() {
    return events.sessionAppends();
  }

  private SessionAppends unprojectedAppends() {
    return events.unprojectedSessionAppends();
  }

  @Override
  public <S> S saved(DocumentSession session, S document) {
    return SessionFactory.bound(session).saved(document);
  }

  @Override
  public Trace trace() {
    return trace;
  }

  @Override
  public Projections projections() {
    checkOpen();
    return projections;
  }

  @Override
  public Subscriptions subscriptions() {
    checkOpen();
    return subscriptions;
  }

  @Override
  public io.rillflow.aggregates.SnapshotCompaction snapshots() {
    checkOpen();
    return aggregates.compaction();
  }

  @Override
  public <A> AggregateRepository<A> aggregates(Class<A> type) {
    checkOpen();
    return aggregates.of(type);
  }

  @Override
  public StoreSchema schema() {
    checkOpen();
    return storeSchema;
  }

  @Override
  public <T> long bulkInsert(Collection<T> documents, BulkMode mode) {
    checkOpen();
    if (documents.isEmpty()) {
      return 0;
    }
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) documents.iterator().next().getClass();
    for (T document : documents) {
      if (document == null || document.getClass() != type) {
        throw new IllegalArgumentException("bulkInsert takes documents of one type: found "
            + (document == null ? "null" : document.getClass().getName()) + " among " + type.getName());
      }
    }
    return bulkLoader.load(tables.of(type), documents, mode);
  }

  @Override
  public <R extends DocumentRepository<?, ?>> R repository(Class<R> type) {
    checkOpen();
    Function<DocumentStore, ?> factory = parts.repositoryFactory(type);
    if (factory == null) {
      throw new IllegalArgumentException("No generated repository implements " + type.getName()
          + ": annotate it @Repository, make it extend DocumentRepository, and make sure the Rillflow "
          + "processor ran on it (its " + type.getSimpleName() + "Impl must exist)");
    }
    return type.cast(factory.apply(this));
  }

  @Override
  public <T> QueryCall<T> queryCall(Class<T> type, String sql, DocumentSession session) {
    DocumentTable<T, Object> table = tables.of(type);
    if (session == null) {
      return tracing.queryCall(new CompiledQueryCall<>(ownedScope, table, objectMapper, table.reader(), sql,
          UnaryOperator.identity(), DeleteQueue.NONE), table.typeName());
    }
    BoundSession bound = SessionFactory.bound(session);
    return tracing.queryCall(new CompiledQueryCall<>(bound.scope(), table, objectMapper, table.reader(), sql,
        bound.resolver(table), bound.deletes()), table.typeName());
  }

  /** The store's document tables. */
  public DocumentTables tables() {
    return tables;
  }

  @Override
  public String schemaName() {
    return schema;
  }

  @Override
  public Optional<String> tenantId() {
    return Optional.ofNullable(placement.tenantId());
  }

  @Override
  public Set<Class<?>> documentTypes() {
    return parts.types();
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  /** The store's mapper for documents and events. */
  public ObjectMapper objectMapper() {
    return objectMapper;
  }

  /** The store's document, repository and event parts. */
  public ModuleParts parts() {
    return parts;
  }

  /** Refuses work once the store (for a tenant's view: its parent) is closed. */
  void checkOpen() {
    ownedScope.checkOpen();
  }

  /**
   * Closes this store, unless it is a tenant's view: a view lives as long as the store it came from,
   * which closes it.
   */
  @Override
  public void close() {
    if (placement.root() && markClosed()) {
      shutDown();
    }
  }

  /** Marks the store closed; {@code true} for the one caller that does so first. */
  boolean markClosed() {
    return placement.closed().compareAndSet(false, true);
  }

  /**
   * Stops the daemon and the subscriptions and closes the pools the store made (a tenant's view made
   * none); the caller has marked the store closed.
   */
  void shutDown() {
    // Before the pool: the daemon's last batch and lease release need connections.
    projections.close();
    subscriptions.close();
    events.close();
    if (placement.root()) {
      // After the tenants' stores closed (their lanes fail what waits), before the pool: a group
      // being written finishes on its connection.
      groupWorkers.close();
    }
    replica.close();
    if (placement.ownedPool() != null) {
      placement.ownedPool().close();
    }
  }

  /**
   * A tenant's projections step one at a time: the tenants' daemon counts each tenant step as one
   * connection of its budget, which parallel projections inside the step would break. Its view joins
   * no cluster of its own: the tenants' daemon assigns (projection, tenant) pairs through the store's
   * cluster ({@link #tenantShards()}).
   */
  private static ProjectionOptions oneConnectionPerStep(ProjectionOptions options) {
    return options.parallelism(1).cluster(DaemonCluster.single());
  }

  /** Which (projection, tenant) pairs this node's tenants' daemon steps, from this (root) store's cluster. */
  TenantShards tenantShards() {
    return projections.shards();
  }

  @Override
  public DocumentStore forTenant(String tenantId) {
    checkOpen();
    return placement.tenants().forTenant(tenantId);
  }

  @Override
  public Tenants tenants() {
    checkOpen();
    return placement.tenants().tenants();
  }

  @Override
  public String toString() {
    return "DocumentStore[schema=" + schema + ", documents=" + parts.types().size() + "]";
  }
}
