package io.rillflow.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rillflow.AggregateRepository;
import io.rillflow.AutoCreate;
import io.rillflow.BulkMode;
import io.rillflow.DocumentRepository;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.EventStore;
import io.rillflow.QuerySession;
import io.rillflow.RillflowException;
import io.rillflow.StoreSchema;
import io.rillflow.UnknownEventTypes;
import io.rillflow.internal.aggregates.Aggregates;
import io.rillflow.internal.document.BulkLoader;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.document.DocumentTables;
import io.rillflow.internal.events.DefaultEventStore;
import io.rillflow.internal.events.SessionAppends;
import io.rillflow.Projections;
import io.rillflow.internal.projections.CommitNotifier;
import io.rillflow.internal.projections.DefaultProjections;
import io.rillflow.internal.projections.InlineProjections;
import io.rillflow.internal.projections.ReadModels;
import io.rillflow.internal.projections.RegisteredProjection;
import io.rillflow.internal.projections.SessionOpener;
import io.rillflow.internal.query.CompiledQueryCall;
import io.rillflow.internal.schema.DefaultStoreSchema;
import io.rillflow.internal.schema.RillflowMigrations;
import io.rillflow.internal.session.SessionFactory;
import io.rillflow.spi.QueryCall;
import io.rillflow.spi.RepositorySupport;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
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
  private final BulkLoader bulkLoader;
  private final DefaultEventStore events;
  private final Aggregates aggregates;
  private final DefaultProjections projections;
  private final AtomicBoolean closed = new AtomicBoolean();

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
    // Sessions that projections write through: on one transaction's connection, their appends not
    // projected again. unprojectedAppends reads events when called, after the constructor.
    SessionOpener projectionSessions = new SessionOpener() {
      @Override
      public DocumentSession open(DataSource enlisted) {
        return new SessionFactory(tables, enlisted, objectMapper, DefaultDocumentStore.this::unprojectedAppends)
            .openSession();
      }

      @Override
      public String schema() {
        return schema;
      }
    };
    List<RegisteredProjection> registered = settings.readModels()
        ? ReadModels.register(settings.projections(), parts.projections(), parts.aggregates().values(), parts::find)
        : settings.projections();
    List<RegisteredProjection> inline = DefaultProjections.inline(registered);
    this.events = new DefaultEventStore(dataSource, schema, parts.events(), objectMapper, unknownEventTypes,
        inline.isEmpty() ? null : new InlineProjections(inline, projectionSessions),
        inline.size() == registered.size() ? null : new CommitNotifier(dataSource, schema));
    this.sessions = new SessionFactory(tables, dataSource, objectMapper, events::sessionAppends);
    this.projections = new DefaultProjections(registered, dataSource, schema, events, projectionSessions,
        settings.projectionOptions(), settings.meterRegistry());
    this.bulkLoader = new BulkLoader(dataSource);
    this.aggregates = new Aggregates(parts.aggregates(), parts.events(), events, tables, this, dataSource, schema,
        objectMapper);
  }

  /** Loads the modules, connects and migrates; on any failure closes what it opened. */
  public static DefaultDocumentStore start(StoreSettings settings) {
    // Modules first: a conflict between them should fail before any connection is made.
    ModuleParts parts = ModuleParts.load(settings);
    ObjectMapper objectMapper = JsonMappers.create(settings.objectMapper());
    HikariDataSource pool = settings.dataSource() == null ? openPool(settings) : null;
    DataSource dataSource = pool != null ? pool : settings.dataSource();
    try {
      if (settings.autoCreate() != AutoCreate.NONE) {
        RillflowMigrations.migrate(dataSource, settings.schema());
      }
      DefaultDocumentStore store = new DefaultDocumentStore(
          settings.schema(), dataSource, pool, parts, objectMapper, settings.autoCreate(), settings.unknownEventTypes(),
          settings);
      store.storeSchema.start(settings.autoCreate());
      return store;
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      throw e;
    }
  }

  private static HikariDataSource openPool(StoreSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    if (settings.username() != null) {
      config.setUsername(settings.username());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(settings.maximumPoolSize());
    config.setPoolName("rillflow-" + settings.schema());
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new RillflowException("Cannot connect to " + withoutPassword(settings.url())
          + (settings.username() != null ? " as " + settings.username() : "") + ": " + rootMessage(e), e);
    }
  }

  private static String withoutPassword(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  @Override
  public DocumentSession openSession() {
    return sessions.openSession();
  }

  @Override
  public DocumentSession lightweightSession() {
    return sessions.lightweightSession();
  }

  @Override
  public QuerySession querySession() {
    return sessions.querySession();
  }

  @Override
  public EventStore events() {
    return events;
  }

  private SessionAppends unprojectedAppends() {
    return events.unprojectedSessionAppends();
  }

  @Override
  public Projections projections() {
    return projections;
  }

  @Override
  public <A> AggregateRepository<A> aggregates(Class<A> type) {
    return aggregates.of(type);
  }

  @Override
  public StoreSchema schema() {
    return storeSchema;
  }

  @Override
  public <T> long bulkInsert(Collection<T> documents, BulkMode mode) {
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
    return new CompiledQueryCall<>(dataSource, table, objectMapper, table.reader(), sql,
        sessions.identityResolver(session, table));
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

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // Before the pool: the daemon's last batch and lease release need connections.
      projections.close();
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
