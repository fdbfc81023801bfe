package io.rillflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ArchiveOptions;
import io.rillflow.events.EventStorage;
import io.rillflow.events.GroupAppendOptions;
import io.rillflow.events.IdempotencyConflictException;
import io.rillflow.events.UnknownEventTypes;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.spi.RegisteredProjection;
import io.rillflow.spi.ReplicaSettings;
import io.rillflow.spi.RillflowModule;
import io.rillflow.spi.StoreFactory;
import io.rillflow.spi.StoreSettings;
import io.rillflow.tenancy.Tenancy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/**
 * Describes a {@link DocumentStore}; {@link #build()} checks the whole description, then starts the
 * store. Not thread-safe; a builder is used once, on one thread.
 *
 * <p>The database is given either as a JDBC {@link #url(String) URL} (the store then owns a
 * HikariCP pool) or as a {@link #dataSource(DataSource) data source} the application owns.
 */
public final class DocumentStoreBuilder {
  private String url;
  private String username;
  private String password;
  private DataSource dataSource;
  private String schema = "public";
  private AutoCreate autoCreate = AutoCreate.CREATE_OR_UPDATE;
  private PoolOptions pool = PoolOptions.defaults();
  private boolean poolGiven;
  private AppendOptions appendDefaults = AppendOptions.NONE;
  private GroupAppendOptions groupAppends = GroupAppendOptions.OFF;
  private EventStorage eventStorage = EventStorage.DEFAULT;
  private ArchiveOptions archive = ArchiveOptions.DEFAULT;
  private ObjectMapper objectMapper;
  private UnknownEventTypes unknownEventTypes = UnknownEventTypes.FAIL;
  private boolean storeWideIdempotencyKeys;
  private boolean discoverModules = true;
  private boolean readModels = true;
  private ClassLoader classLoader;
  private final List<RillflowModule> modules = new ArrayList<>();
  private final List<RegisteredProjection> projections = new ArrayList<>();
  private ProjectionOptions projectionOptions = ProjectionOptions.defaults();
  private MeterRegistry meterRegistry;
  private String replicaUrl;
  private String replicaUsername;
  private String replicaPassword;
  private DataSource replicaDataSource;
  private PoolOptions replicaPool = PoolOptions.defaults().maximumSize(4).minimumIdle(0);
  private boolean replicaPoolGiven;
  private Duration daemonReplicaWait;
  private OpenTelemetry openTelemetry;
  private Tenancy tenancy = Tenancy.single();

  DocumentStoreBuilder() {}

  /** The JDBC URL, for example {@code jdbc:postgresql://localhost:5432/app}. */
  public DocumentStoreBuilder url(String url) {
    this.url = Objects.requireNonNull(url, "url");
    return this;
  }

  /** The user for {@link #url(String)}; it may also be given in the URL. */
  public DocumentStoreBuilder username(String username) {
    this.username = Objects.requireNonNull(username, "username");
    return this;
  }

  /** The password for {@link #url(String)}; it may also be given in the URL. */
  public DocumentStoreBuilder password(String password) {
    this.password = Objects.requireNonNull(password, "password");
    return this;
  }

  /** A data source the application owns (and closes); instead of {@link #url(String)}. */
  public DocumentStoreBuilder dataSource(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    return this;
  }

  /**
   * The schema that holds every table of this store, created when missing (unless
   * {@link AutoCreate#NONE}). Lower case letters, digits and underscores, at most 63 characters.
   * Default {@code public}.
   */
  public DocumentStoreBuilder schema(String schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
    return this;
  }

  /** What the store may change in the database when it starts. Default {@link AutoCreate#CREATE_OR_UPDATE}. */
  public DocumentStoreBuilder autoCreate(AutoCreate autoCreate) {
    this.autoCreate = Objects.requireNonNull(autoCreate, "autoCreate");
    return this;
  }

  /** The most connections of the pool the store makes for {@link #url(String)}. Default 10. */
  public DocumentStoreBuilder maximumPoolSize(int maximumPoolSize) {
    return pool(pool.maximumSize(maximumPoolSize));
  }

  /**
   * Headers and ids every append starts from (an append's own win; a session can change its own):
   * a service name header, say. No idempotency key or stream type, which belong to one append.
   */
  public DocumentStoreBuilder appendDefaults(AppendOptions defaults) {
    this.appendDefaults = Objects.requireNonNull(defaults, "defaults").asDefaults();
    return this;
  }

  /**
   * How streams are archived and whether {@code store.events()} reads take archived events in.
   * Default {@link ArchiveOptions#DEFAULT}: live streams only, 1,000 events moved per transaction.
   */
  public DocumentStoreBuilder archive(ArchiveOptions archive) {
    this.archive = Objects.requireNonNull(archive, "archive");
    return this;
  }

  /**
   * Whether {@code store.events()} reads archived streams' events too (as
   * {@link io.rillflow.events.EventStore#withArchived()}). Default {@code false}: reads see live
   * streams only. Short for {@code archive(ArchiveOptions...includeArchivedByDefault(include))}.
   */
  public DocumentStoreBuilder includeArchivedByDefault(boolean include) {
    this.archive = archive.includeArchivedByDefault(include);
    return this;
  }

  /**
   * How events are laid out on disk: stream ids as {@code text} or {@code uuid}, and whether event
   * type names are indexed. Default {@link EventStorage#DEFAULT} (text, indexed);
   * {@link EventStorage#compact()} is the smallest. See {@link EventStorage} for what a change of an
   * existing schema does.
   */
  public DocumentStoreBuilder eventStorage(EventStorage eventStorage) {
    this.eventStorage = Objects.requireNonNull(eventStorage, "eventStorage");
    return this;
  }

  /**
   * Group append: plain appends from different threads to different streams written together, in
   * one transaction and one statement, each with its own check and outcome, none acknowledged before
   * its commit. Default {@link GroupAppendOptions#OFF}. See {@link GroupAppendOptions} for which
   * appends are grouped.
   */
  public DocumentStoreBuilder groupAppends(GroupAppendOptions groupAppends) {
    this.groupAppends = Objects.requireNonNull(groupAppends, "groupAppends");
    return this;
  }

  /**
   * The pool a store opens from {@link #url(String)}: size, timeouts, leak detection. Not for a
   * {@link #dataSource(DataSource)}, which the application configures itself.
   */
  public DocumentStoreBuilder pool(PoolOptions pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.poolGiven = true;
    return this;
  }

  /**
   * The Jackson mapper for documents and events; the store registers Java time support on a copy.
   * Default: a mapper that reads and writes fields, dates as ISO-8601 text.
   */
  public DocumentStoreBuilder objectMapper(ObjectMapper objectMapper) {
    this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
    return this;
  }

  /**
   * Makes {@link io.rillflow.events.AppendOptions idempotency keys} unique across the whole store
   * instead of within one stream, so a retried command that starts a stream with a fresh id is still
   * recognised: the retry fails with {@link io.rillflow.events.IdempotencyConflictException} naming
   * the stream, version and position where the key was first used, and writes nothing. Costs one
   * more row per keyed append. Default {@code false} (keys per stream). Keys of appends made before
   * this was on are not known store-wide.
   */
  public DocumentStoreBuilder storeWideIdempotencyKeys(boolean storeWide) {
    this.storeWideIdempotencyKeys = storeWide;
    return this;
  }

  /**
   * What reads do with a stored event whose type no registered {@code @Event} class has. Default
   * {@link UnknownEventTypes#FAIL}.
   */
  public DocumentStoreBuilder unknownEventTypes(UnknownEventTypes unknownEventTypes) {
    this.unknownEventTypes = Objects.requireNonNull(unknownEventTypes, "unknownEventTypes");
    return this;
  }

  /**
   * Adds a module by hand, beside those found through {@link java.util.ServiceLoader}. A module
   * found both ways is registered once.
   */
  public DocumentStoreBuilder module(RillflowModule module) {
    modules.add(Objects.requireNonNull(module, "module"));
    return this;
  }

  /**
   * Whether to load every {@link RillflowModule} listed in {@code META-INF/services}. Default
   * {@code true}; turn it off to register exactly the {@link #module modules} given.
   */
  public DocumentStoreBuilder discoverModules(boolean discoverModules) {
    this.discoverModules = discoverModules;
    return this;
  }

  /** The class loader that modules are discovered with. Default: the thread's context class loader. */
  public DocumentStoreBuilder classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    return this;
  }

  /**
   * Registers a projection under a name unique in the store (its checkpoint's key, so keep it when
   * the code changes). {@link ProjectionLifecycle#INLINE Inline} projections run in every appending
   * transaction; {@link ProjectionLifecycle#ASYNC async} ones in the
   * {@link ProjectionDaemon daemon}.
   *
   * <pre>{@code
   * builder.projection("order-totals", ProjectionLifecycle.ASYNC, new OrderTotals());
   * }</pre>
   */
  public DocumentStoreBuilder projection(String name, ProjectionLifecycle lifecycle, Projection projection) {
    projections.add(new RegisteredProjection(name, lifecycle, projection));
    return this;
  }

  /**
   * Whether the store runs the projections the modules generated for {@code @ReadModel} documents,
   * each under its name and lifecycle, and those that keep the documents of
   * {@code @Aggregate(lifecycle = ASYNC)} types. Default {@code true}. Turn it off only in a process that must
   * not write read models, such as a test of one hand-written projection: inline read models are
   * then not kept up to date by this process's appends.
   */
  public DocumentStoreBuilder readModels(boolean readModels) {
    this.readModels = readModels;
    return this;
  }

  /** How the projection daemon runs. Default {@link ProjectionOptions#defaults()}. */
  public DocumentStoreBuilder projectionOptions(ProjectionOptions projectionOptions) {
    this.projectionOptions = Objects.requireNonNull(projectionOptions, "projectionOptions");
    return this;
  }

  /**
   * How the store keeps tenants apart. Default {@link Tenancy#single()} (no tenants). With any other,
   * work names its tenant through {@link DocumentStore#forTenant(String)}, and tenants are provisioned
   * through {@link DocumentStore#tenants()}.
   */
  public DocumentStoreBuilder tenancy(Tenancy tenancy) {
    this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
    return this;
  }

  /** Where the store's metrics go (Micrometer). Default: nowhere (an empty composite registry). */
  public DocumentStoreBuilder meterRegistry(MeterRegistry meterRegistry) {
    this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
    return this;
  }

  /**
   * A read replica (a PostgreSQL hot standby of the store's database) that
   * {@link DocumentStore#querySession() query sessions} read from, through a small pool of its own
   * ({@link #replicaPool(PoolOptions)}). Everything else stays on the store's database: sessions that
   * write (and their reads), repositories, event appends and reads, aggregates, projections and the
   * daemon (unless {@link #daemonReadsReplica(Duration)}), schema work. The replica's connections are
   * read-only.
   *
   * <p>A replica lags its primary: a query session may not see what was committed a moment ago, not
   * even by the same thread. Read what must be current through a {@link DocumentSession}. When the
   * replica is down, query sessions fail naming it, and everything else goes on; the store starts
   * also while the replica is down.
   *
   * @param url a {@code jdbc:postgresql:} URL; user and password may be in it
   */
  public DocumentStoreBuilder readReplica(String url) {
    this.replicaUrl = Objects.requireNonNull(url, "url");
    return this;
  }

  /** {@link #readReplica(String)} with the replica's user and password. */
  public DocumentStoreBuilder readReplica(String url, String username, String password) {
    readReplica(url);
    this.replicaUsername = Objects.requireNonNull(username, "username");
    this.replicaPassword = Objects.requireNonNull(password, "password");
    return this;
  }

  /**
   * {@link #readReplica(String)} through a data source the application owns (and closes). The store
   * marks each connection it takes read-only; with pgjdbc, set {@code readOnlyMode=always} on the data
   * source to make that hold outside transactions too.
   */
  public DocumentStoreBuilder readReplica(DataSource dataSource) {
    this.replicaDataSource = Objects.requireNonNull(dataSource, "dataSource");
    return this;
  }

  /**
   * The pool the store opens for a {@link #readReplica(String) replica URL}. Default: at most 4
   * connections, none kept idle, 30 s to get one (a replica that is down fails a query session after
   * that long: lower it to fail sooner).
   */
  public DocumentStoreBuilder replicaPool(PoolOptions pool) {
    this.replicaPool = Objects.requireNonNull(pool, "pool");
    this.replicaPoolGiven = true;
    return this;
  }

  /**
   * The projection daemon reads events on the {@link #readReplica(String) read replica} too; its
   * checkpoints, read models, leases and wake-ups stay on the store's database, written in their own
   * transactions there. Off by default.
   *
   * <p>A replica lags, and the daemon must never pass an event. So the safe point a read stops at is
   * still read on the store's database, followed by that server's WAL position; the batch is read on
   * the replica only once the replica has replayed up to that position (every transaction below the
   * safe point had ended by then, so the replica shows all of them). While it has not, the read waits up
   * to {@code maxWait} for it, then reads that batch on the store's database. A replica that cannot be
   * reached is not asked again for five seconds, reads going to the store's database meanwhile. A
   * projection on a lagging replica is as current as it would be on the primary, a batch later at most
   * by {@code maxWait}.
   *
   * <p>A replica that stops answering (frozen, cut off without a reset) hangs the read: give its URL a
   * {@code socketTimeout} and the pool a short {@code connectionTimeout}.
   *
   * @param maxWait how long a read waits for the replica to replay far enough; {@code Duration.ZERO}
   *     reads on the store's database at once when it has not
   */
  public DocumentStoreBuilder daemonReadsReplica(Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("daemonReadsReplica maxWait must not be negative, but was " + maxWait);
    }
    this.daemonReplicaWait = maxWait;
    return this;
  }

  /**
   * Traces the store's work through OpenTelemetry: spans for appends, {@code saveChanges()}, loads,
   * queries and projection batches, and the trace context stored in each appended event's headers
   * ({@code traceparent}), which the projection batch that applies it continues. Default: no tracing
   * (nothing is traced and no header is written). Pass {@code GlobalOpenTelemetry.get()} to use the
   * agent's or the application's global SDK.
   */
  public DocumentStoreBuilder openTelemetry(OpenTelemetry openTelemetry) {
    this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    return this;
  }

  /**
   * Checks the description, connects, loads the modules, migrates as {@link AutoCreate} allows and
   * returns the running store.
   *
   * @throws IllegalStateException when the description is incomplete or contradicts itself
   * @throws SchemaException when the database cannot be brought to the schema the store needs
   */
  public DocumentStore build() {
    List<String> problems = new ArrayList<>();
    if (url == null && dataSource == null) {
      problems.add("no database: call url(...) or dataSource(...)");
    }
    if (url != null && dataSource != null) {
      problems.add("both url(...) and dataSource(...) were given; choose one");
    }
    if (dataSource != null && (username != null || password != null)) {
      problems.add("username/password apply to url(...), not to a dataSource(...); configure the data source instead");
    }
    if (url != null && !url.startsWith("jdbc:postgresql:")) {
      problems.add("url must start with jdbc:postgresql: but was " + url);
    }
    problems.addAll(pool.problems());
    if (dataSource != null && poolGiven) {
      problems.add("pool options apply to url(...), not to a dataSource(...); configure the data source instead");
    }
    problems.addAll(replicaProblems());
    java.util.Set<String> names = new java.util.HashSet<>();
    for (RegisteredProjection projection : projections) {
      if (!names.add(projection.name())) {
        problems.add("two projections are named \"" + projection.name() + "\"");
      }
    }
    ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
    StoreSettings settings = new StoreSettings(
        url, username, password, dataSource, schema, autoCreate, pool,
        objectMapper, unknownEventTypes, discoverModules, loader, List.copyOf(modules), List.copyOf(projections), readModels,
        projectionOptions, meterRegistry != null ? meterRegistry : new CompositeMeterRegistry(), appendDefaults,
        storeWideIdempotencyKeys, replicaSettings(), openTelemetry, tenancy, groupAppends, archive,
        eventStorage);
    StoreFactory factory = Factory.INSTANCE;
    problems.addAll(factory.problems(settings));
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Cannot build DocumentStore: " + String.join("; ", problems));
    }
    return factory.start(settings);
  }

  private List<String> replicaProblems() {
    List<String> problems = new ArrayList<>();
    if (replicaUrl != null && replicaDataSource != null) {
      problems.add("both readReplica(url) and readReplica(dataSource) were given; choose one");
    }
    if (replicaUrl != null && !replicaUrl.startsWith("jdbc:postgresql:")) {
      problems.add("readReplica url must start with jdbc:postgresql: but was " + replicaUrl);
    }
    if (replicaPoolGiven && replicaUrl == null) {
      problems.add("replicaPool(...) applies to readReplica(url), "
          + (replicaDataSource != null ? "not to a readReplica(dataSource); configure the data source instead"
              : "but no replica URL was given"));
    }
    if (daemonReplicaWait != null && replicaUrl == null && replicaDataSource == null) {
      problems.add("daemonReadsReplica(...) needs a readReplica(...) to read from, but none was given");
    }
    if (replicaUrl != null) {
      replicaPool.problems().forEach(problem -> problems.add("replica " + problem));
    }
    return problems;
  }

  private ReplicaSettings replicaSettings() {
    if (replicaUrl == null && replicaDataSource == null) {
      return ReplicaSettings.NONE;
    }
    return new ReplicaSettings(replicaUrl, replicaUsername, replicaPassword, replicaDataSource,
        replicaUrl != null ? replicaPool : null, daemonReplicaWait);
  }

  /** The runtime's store factory, looked up once (it holds no state). */
  private static final class Factory {
    static final StoreFactory INSTANCE = ServiceLoader.load(StoreFactory.class, StoreFactory.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No io.rillflow.spi.StoreFactory is registered: the "
            + "rillflow-runtime jar's META-INF/services entry is missing (a shaded jar must merge service files)"));
  }
}
