package io.rillflow.internal.tenancy;

import io.rillflow.DocumentStore;
import io.rillflow.RillflowException;
import io.rillflow.tenancy.TenantDaemon;
import io.rillflow.tenancy.TenantDatabases;
import io.rillflow.tenancy.TenantStatus;
import io.rillflow.tenancy.UnknownTenantException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tenants of a store with {@code Tenancy.databasePerTenant}: each tenant routed by
 * {@link TenantDatabases} to a database URL, and inside that database kept as schema per tenant
 * ({@link SchemaTenants} over the database's one pool). Databases are opened when a tenant of theirs is
 * first used, one per distinct URL, never one per tenant, and stay open until the store closes; a
 * database that cannot be opened (its server down) is not kept, so the next use tries again. Every
 * failure names the tenant and the server, and touches no other database.
 */
public final class DatabaseTenants implements TenantDirectory {
  private final TenantDatabases databases;
  private final Function<String, TenantDirectory> opener;
  private final Map<String, TenantDirectory> open = new ConcurrentHashMap<>();
  private final Map<String, Object> opening = new ConcurrentHashMap<>();
  /** Tenants' views after their first use: the fast path of {@code forTenant}, no routing read. */
  private final Map<String, DocumentStore> views = new ConcurrentHashMap<>();
  private final DatabasesDaemon daemon;
  private volatile boolean closed;

  /**
   * @param databases the routing; {@link TenantDatabases#masterTable()} reads {@code master}
   * @param master the routing table of {@code masterTable()}, bound to the store's own database
   * @param opener opens the tenants of one database URL (its pool, store schema and shared tables)
   */
  public DatabaseTenants(TenantDatabases databases, Supplier<TenantDatabases> master,
      Function<String, TenantDirectory> opener) {
    this.databases = databases == TenantDatabases.masterTable() ? master.get() : databases;
    this.opener = opener;
    this.daemon = new DatabasesDaemon(this::urls, this::database);
  }

  /** The master table over the store's own database, for {@link #DatabaseTenants}. */
  public static Supplier<TenantDatabases> masterTable(javax.sql.DataSource master, String storeSchema) {
    return () -> new MasterTableDatabases(master, storeSchema);
  }

  private String urlOf(String tenantId) {
    return databases.url(tenantId).orElseThrow(() -> new UnknownTenantException(tenantId,
        "not mapped to a database (" + databases + " has no URL for it)"));
  }

  /**
   * The tenants of the database at {@code url}, opened on first use. Callers of one URL queue on its
   * own monitor, so a server that is slow to answer holds back the first use of its tenants only.
   */
  private TenantDirectory database(String url) {
    TenantDirectory directory = open.get(url);
    if (directory != null) {
      return directory;
    }
    synchronized (opening.computeIfAbsent(url, key -> new Object())) {
      directory = open.get(url);
      if (directory == null) {
        checkOpen();
        directory = opener.apply(url);
        open.put(url, directory);
        if (closed) {
          // The store closed while this database opened: close it here, close() did not see it.
          open.remove(url);
          directory.close();
          checkOpen();
        }
      }
      return directory;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("DocumentStore is closed");
    }
  }

  /** Runs {@code work} on the tenant's database, a failure naming tenant and server. */
  private <T> T onDatabase(String tenantId, Function<TenantDirectory, T> work) {
    String url = urlOf(tenantId);
    try {
      return work.apply(database(url));
    } catch (UnknownTenantException | IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      String named = TenantServers.describe(tenantId, url);
      throw new RillflowException(message.contains(TenantServers.describe(url)) && message.contains(tenantId)
          ? message : named + ": " + message, e);
    }
  }

  @Override
  public DocumentStore forTenant(String tenantId) {
    DocumentStore view = views.get(tenantId);
    if (view != null) {
      return view;
    }
    DocumentStore opened = onDatabase(tenantId, database -> database.forTenant(tenantId));
    views.putIfAbsent(tenantId, opened);
    return opened;
  }

  @Override
  public DatabaseTenants tenants() {
    return this;
  }

  @Override
  public void ensure(String tenantId) {
    if (!views.containsKey(tenantId)) {
      onDatabase(tenantId, database -> {
        database.ensure(tenantId);
        return null;
      });
    }
  }

  @Override
  public void assign(String tenantId, String databaseUrl) {
    if (!(databases instanceof MasterTableDatabases table)) {
      throw new IllegalStateException("This store's tenants are mapped by " + databases + ", not by"
          + " TenantDatabases.masterTable(): change that mapping to move or add a tenant");
    }
    table.assign(tenantId, databaseUrl);
  }

  /** Every provisioned tenant on every mapped database; fails naming a server that does not answer. */
  @Override
  public List<String> list() {
    Map<String, String> routing = routing();
    Set<String> provisioned = new TreeSet<>();
    for (String url : new LinkedHashSet<>(routing.values())) {
      for (String tenantId : onServer(url, () -> database(url).list())) {
        // A database another store shares may hold tenants this mapping routes elsewhere.
        if (url.equals(routing.get(tenantId))) {
          provisioned.add(tenantId);
        }
      }
    }
    return List.copyOf(provisioned);
  }

  /** Every mapped tenant's URL, read at once (one query for the master table). */
  private Map<String, String> routing() {
    if (databases instanceof MasterTableDatabases table) {
      return table.all();
    }
    Map<String, String> routing = new java.util.LinkedHashMap<>();
    for (String tenantId : databases.tenantIds()) {
      databases.url(tenantId).ifPresent(url -> routing.put(tenantId, url));
    }
    return routing;
  }

  private static <T> T onServer(String url, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      throw new RillflowException(message.contains(TenantServers.describe(url)) ? message
          : TenantServers.describe(url) + ": " + message, e);
    }
  }

  /** The distinct databases of the mapped tenants. */
  private Set<String> urls() {
    return new LinkedHashSet<>(routing().values());
  }

  @Override
  public TenantStatus status(String tenantId) {
    return onDatabase(tenantId, database -> database.status(tenantId));
  }

  @Override
  public List<String> migrateAll() {
    List<String> migrated = new ArrayList<>();
    for (String url : urls()) {
      onServer(url, () -> migrated.addAll(database(url).migrateAll()));
    }
    return migrated;
  }

  @Override
  public Path export(String tenantId, Path target) {
    return onDatabase(tenantId, database -> database.export(tenantId, target));
  }

  @Override
  public void importFrom(String tenantId, Path source) {
    onDatabase(tenantId, database -> {
      database.importFrom(tenantId, source);
      return null;
    });
  }

  @Override
  public void drop(String tenantId, String confirmation) {
    onDatabase(tenantId, database -> {
      database.drop(tenantId, confirmation);
      views.remove(tenantId);
      return null;
    });
  }

  @Override
  public TenantDaemon daemon() {
    return daemon;
  }

  @Override
  public void close() {
    closed = true;
    daemon.stop();
    for (TenantDirectory directory : open.values()) {
      directory.close();
    }
  }

  @Override
  public String toString() {
    return "databasePerTenant(" + databases + ")";
  }
}
