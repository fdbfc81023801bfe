package io.rillflow.internal;

import io.rillflow.spi.StoreSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.AutoCreate;
import io.rillflow.BulkMode;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.events.EventStore;
import io.rillflow.QuerySession;
import io.rillflow.StoreSchema;
import io.rillflow.Trace;
import io.rillflow.internal.aggregates.Aggregates;
import io.rillflow.internal.document.BulkLoader;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.GroupWorkers;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.projections.Projections;
import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.internal.schema.EventLayout;
import io.rillflow.internal.schema.DefaultStoreSchema;
import io.rillflow.internal.session.SessionFactory;
import io.rillflow.internal.sql.JoinedScope;
import io.rillflow.internal.sql.OwnedScope;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.spi.QueryCall;
import io.rillflow.spi.RepositorySupport;
import io.rillflow.tenancy.Tenants;
import java.sql.Connection;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/** The running store: immutable once {@code StoreStart.start} returns. */
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
  /** The event store, the projections and subscriptions that read it, the group-append threads. */
  private final StoreEvents events;
  private final Aggregates aggregates;
  /** What generated repositories call: {@link #repository}, {@link #queryCall} and {@link #saved}. */
  private final GeneratedRepositories repositories;
  private final Trace trace = new Trace();
  /** The threads of group append, the root's, shared with every tenant's store; the root's events stop them. */
  private final GroupWorkers groupWorkers;

  DefaultDocumentStore(StorePlacement placement, DataSource dataSource,
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
    this.sessions = new SessionFactory(tables, objectMapper, this::sessionAppends, this::unprojectedAppends, tracing);
    this.events = new StoreEvents(placement, dataSource, parts, objectMapper, settings, sessions, trace, tracing,
        this::querySession, groupWorkers, replica);
    this.bulkLoader = new BulkLoader(dataSource, tables.uniqueIndexes());
    this.aggregates = new Aggregates(parts.aggregates(), parts.events(), events.live(), tables, this, ownedScope,
        schema, objectMapper, placement.tenant());
    this.repositories = new GeneratedRepositories(parts, tables, ownedScope, objectMapper, tracing);
  }

  /** A store on {@code placement} through {@code data}, sharing this one's modules, mapper, replica and threads. */
  DefaultDocumentStore view(StorePlacement placement, DataSource data, StoreSettings settings) {
    return new DefaultDocumentStore(placement, data, replica::forView, parts, objectMapper, settings, groupWorkers);
  }

  /** Brings this store's schema to its settings: the document tables, then the event tables' layout. */
  void startSchema(StoreSettings settings, AutoCreate autoCreate) {
    storeSchema.start(autoCreate);
    EventLayout.settle(dataSource, schema, settings.eventStorage(), autoCreate);
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
    return events.userEvents();
  }

  private SessionAppends sessionAppends() {
    return events.live().sessionAppends();
  }

  private SessionAppends unprojectedAppends() {
    return events.live().unprojectedSessionAppends();
  }

  @Override
  public <S> S saved(DocumentSession session, S document) {
    return repositories.saved(session, document);
  }

  @Override
  public Trace trace() {
    return trace;
  }

  @Override
  public Projections projections() {
    checkOpen();
    return events.projections();
  }

  @Override
  public Subscriptions subscriptions() {
    checkOpen();
    return events.subscriptions();
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
    return bulkLoader.loadOneType(tables, documents, mode);
  }

  @Override
  public <R extends DocumentRepository<?, ?>> R repository(Class<R> type) {
    checkOpen();
    return repositories.of(type, this);
  }

  @Override
  public <T> QueryCall<T> queryCall(Class<T> type, String sql, DocumentSession session) {
    return repositories.queryCall(type, sql, session);
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

  /** Where this store keeps its data: what its tenants' stores take their shared tables and lifetime from. */
  StorePlacement placement() {
    return placement;
  }

  /** Where query sessions read; a failed start closes it. */
  ReadReplica replica() {
    return replica;
  }

  /** Its event store and what reads it: the startup line names its projections, the tenants use its shards. */
  StoreEvents storeEvents() {
    return events;
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
    events.close();
    replica.close();
    if (placement.ownedPool() != null) {
      placement.ownedPool().close();
    }
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
