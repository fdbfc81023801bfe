package io.rillflow.tenancy;

import java.util.Objects;
import java.util.Optional;

/**
 * How a store keeps tenants apart, chosen on the builder:
 *
 * <pre>{@code
 * DocumentStore store = DocumentStore.builder().url(url).schema("app")
 *     .tenancy(Tenancy.schemaPerTenant())
 *     .build();
 * store.tenants().ensure("acme");                       // once: creates and migrates schema app_acme
 * try (DocumentSession session = store.forTenant("acme").openSession()) { ... }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #single()}: no tenants (the default); the store's SQL is exactly that of a store that
 *       never heard of tenancy.
 *   <li>{@link #schemaPerTenant()}: each tenant its own schema, named {@code <store schema>_<tenant id>},
 *       with its own Rillflow tables (streams, events, projections, dead letters) and document tables.
 *       Strong isolation, per-tenant backup and drop; pick it for up to a few thousand tenants.
 *   <li>{@link #conjoined()}: one set of tables with a {@code tenant_id} column leading every key and
 *       index; a tenant is a row in the registry, so a million tenants cost no catalogue. Pick it for very
 *       many small tenants.
 *   <li>{@link #databasePerTenant(TenantDatabases)}: tenants spread over databases (and servers), each
 *       database opened once, with one pool per distinct URL, and holding its tenants as schema per
 *       tenant; the mapping fixed ({@link TenantDatabases#of}) or kept in the store's
 *       {@code rf_tenant_databases} ({@link TenantDatabases#masterTable()}).
 * </ul>
 *
 * <p>{@link #conjoined()} keeps per tenant: documents (load, sessions, dynamic and repository queries,
 * patch, bulk insert), streams, events, aggregates, snapshots, projections (each (projection, tenant) its
 * own checkpoint, lease and epoch, under the tenants' daemon), DCB tags, queries and conditions, stream
 * aliases, archive moves, store-wide idempotency keys, subscriptions and their consumer groups, and
 * {@code tenants()} ensure, list, status, migrateAll, export, importFrom, drop.
 * Every store's Rillflow tables carry a {@code tenant_id} column (unused, {@code ''}, outside conjoined
 * tenancy); a store without tenants sends exactly the SQL it sent before.
 */
public final class Tenancy {

  /** The ways of keeping tenants apart. */
  public enum Mode {
    /** No tenants. */
    SINGLE,
    /** A {@code tenant_id} column on every table. */
    CONJOINED,
    /** A schema per tenant. */
    SCHEMA_PER_TENANT,
    /** Tenants mapped to databases. */
    DATABASE_PER_TENANT
  }

  /** The default of {@link #concurrentBatchesPerDatabase(int)}. */
  public static final int DEFAULT_CONCURRENT_BATCHES = 4;

  private static final Tenancy SINGLE = new Tenancy(Mode.SINGLE, null, DEFAULT_CONCURRENT_BATCHES);
  private static final Tenancy CONJOINED = new Tenancy(Mode.CONJOINED, null, DEFAULT_CONCURRENT_BATCHES);
  private static final Tenancy SCHEMA_PER_TENANT = new Tenancy(Mode.SCHEMA_PER_TENANT, null,
      DEFAULT_CONCURRENT_BATCHES);

  private final Mode mode;
  private final TenantDatabases databases;
  private final int concurrentBatches;

  private Tenancy(Mode mode, TenantDatabases databases, int concurrentBatches) {
    this.mode = mode;
    this.databases = databases;
    this.concurrentBatches = concurrentBatches;
  }

  /** No tenants: the default. */
  public static Tenancy single() {
    return SINGLE;
  }

  /** One set of tables, a {@code tenant_id} column in every key and index. */
  public static Tenancy conjoined() {
    return CONJOINED;
  }

  /** Each tenant its own schema, with its own Rillflow tables and document tables. */
  public static Tenancy schemaPerTenant() {
    return SCHEMA_PER_TENANT;
  }

  /** Each tenant in the database {@code databases} names for it; one connection pool per database. */
  public static Tenancy databasePerTenant(TenantDatabases databases) {
    return new Tenancy(Mode.DATABASE_PER_TENANT, Objects.requireNonNull(databases, "databases"),
        DEFAULT_CONCURRENT_BATCHES);
  }

  /**
   * The connection budget of the {@linkplain Tenants#daemon() tenants' projection daemon}: at most
   * {@code batches} tenant batches run at once against one database, each on one connection at a
   * time, whatever the number of tenants. Default {@value #DEFAULT_CONCURRENT_BATCHES}.
   *
   * @throws IllegalArgumentException when {@code batches} is below 1
   */
  public Tenancy concurrentBatchesPerDatabase(int batches) {
    if (batches < 1) {
      throw new IllegalArgumentException("concurrentBatchesPerDatabase must be at least 1, was " + batches);
    }
    return new Tenancy(mode, databases, batches);
  }

  /** At most this many tenant batches run at once against one database. */
  public int concurrentBatchesPerDatabase() {
    return concurrentBatches;
  }

  /** The way tenants are kept apart. */
  public Mode mode() {
    return mode;
  }

  /** Whether work must name a tenant ({@code store.forTenant(id)}): every mode but {@link #single()}. */
  public boolean hasTenants() {
    return mode != Mode.SINGLE;
  }

  /** Where tenants live, for {@link #databasePerTenant(TenantDatabases)}. */
  public Optional<TenantDatabases> databases() {
    return Optional.ofNullable(databases);
  }

  @Override
  public String toString() {
    return "Tenancy." + mode;
  }
}
