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
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.projections.Projections;
import io.rillflow.internal.projections.CommitNotifier;
import io.rillflow.internal.projections.DefaultProjections;
import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.internal.projections.InlineProjections;
import io.rillflow.internal.projections.ReadModels;
import io.rillflow.spi.RegisteredProjection;
import io.rillflow.internal.projections.SessionOpener;
import io.rillflow.internal.query.CompiledQueryCall;
import io.rillflow.internal.query.DeleteQueue;
import io.rillflow.internal.schema.DefaultStoreSchema;
import io.rillflow.internal.schema.RillflowMigrations;
import io.rillflow.internal.session.BoundSession;
import io.rillflow.internal.session.SessionFactory;
import io.rillflow.internal.sql.JoinedScope;
import io.rillflow.internal.sql.OwnedScope;
import io.rillflow.internal.subscriptions.DefaultSubscriptions;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.spi.QueryCall;
import io.rillflow.spi.RepositorySupport;
import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** The running store: immutable once {@link #start} returns. */
public final class DefaultDocumentStore implements DocumentStore, RepositorySupport {
  private final String schema;
  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
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
  private final DefaultEventStore events;
  private final Aggregates aggregates;
  private final DefaultProjections projections;
  private final DefaultSubscriptions subscriptions;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Trace trace = new Trace();

  private DefaultDocumentStore(
      String schema, DataSource dataSource, HikariDataSource ownedPool,
      ModuleParts parts, ObjectMapper objectMapper, AutoCreate autoCreate, UnknownEventTypes unknownEventTypes,
      StoreSettings settings) {
    this.schema = schema;
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.parts = parts;
    this.objectMapper = objectMapper;
    this.tables = new DocumentTables(parts.all(), schema, objectMapper);
    this.storeSchema = new DefaultStoreSchema(dataSource, schema, parts.all(), tables);
    this.ownedScope = new OwnedScope(dataSource, closed);
    this.replica = ReadReplica.open(settings.readReplica(), schema, ownedScope);
    // Suppliers, called once a session opens, after the constructor made the event store.
    StoreTracing tracing = StoreTracing.of(settings.openTelemetry());
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
      public Trace trace() {
        return trace;
      }
    };
    List<RegisteredProjection> registered = settings.readModels()
        ? ReadModels.register(settings.projections(), parts.projections(), parts.aggregates().values(), parts::find)
        : settings.projections();
    List<RegisteredProjection> inline = DefaultProjections.inline(registered);
    this.events = new DefaultEventStore(dataSource, schema, parts.events(), objectMapper, unknownEventTypes,
        inline.isEmpty() ? AppendHook.NONE : new InlineProjections(inline, projectionSessions),
        inline.size() == registered.size() ? () -> {} : new CommitNotifier(dataSource, schema), trace,
        settings.appendDefaults(), settings.storeWideIdempotencyKeys(), tracing, this::querySession,
        settings.groupAppends());
    this.projections = new DefaultProjections(registered, dataSource, schema, events, projectionSessions,
        settings.projectionOptions(), settings.meterRegistry(), tracing);
    this.subscriptions = new DefaultSubscriptions(dataSource, schema, events, tracing);
    this.bulkLoader = new BulkLoader(dataSource, tables.uniqueIndexes());
    this.aggregates = new Aggregates(parts.aggregates(), parts.events(), events, tables, this, ownedScope, schema,
        objectMapper);
  }

  /** Loads the modules, connects and migrates; on any failure closes what it opened. */
  public static DefaultDocumentStore start(StoreSettings settings) {
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
      store = new DefaultDocumentStore(
          settings.schema(), dataSource, pool, parts, objectMapper, settings.autoCreate(), settings.unknownEventTypes(),
          settings);
      store.storeSchema.start(settings.autoCreate());
      StartupLine.log(settings.schema(), settings.autoCreate(), parts, store.projections.registered());
      return store;
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
    return events;
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
      return new CompiledQueryCall<>(ownedScope, table, objectMapper, table.reader(), sql, UnaryOperator.identity(),
          DeleteQueue.NONE);
    }
    BoundSession bound = SessionFactory.bound(session);
    return new CompiledQueryCall<>(bound.scope(), table, objectMapper, table.reader(), sql, bound.resolver(table),
        bound.deletes());
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

  private void checkOpen() {
    ownedScope.checkOpen();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // Before the pool: the daemon's last batch and lease release need connections.
      projections.close();
      subscriptions.close();
      events.close();
      replica.close();
      if (ownedPool != null) {
        ownedPool.close();
      }
    }
  }

  @Override
  public String toString() {
    return "DocumentStore[schema=" + schema + ", documents=" + parts.types().size() + "]";
  }
}
