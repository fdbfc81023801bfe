package io.rillflow.tenancy;

import java.nio.file.Path;
import java.util.List;

/**
 * The tenants of a store: provisioning, status and removal. Tenant ids are identifiers: lower case
 * letters, digits and underscores, starting with a letter, short enough that the tenant's schema name
 * ({@code <store schema>_<tenant id>}) fits PostgreSQL's 63 bytes. Any other id is refused, naming it.
 *
 * <pre>{@code
 * store.tenants().ensure("acme");          // idempotent; racing application instances provision once
 * store.tenants().status("acme").upToDate();
 * store.tenants().drop("acme", "acme");    // the id twice: the second is the confirmation
 * }</pre>
 */
public interface Tenants {

  /**
   * Provisions the tenant when it is not yet: creates its schema, migrates Rillflow's tables there,
   * creates its document tables, and registers it. Idempotent; racing callers (threads or processes)
   * are serialized by an advisory lock, so the work is done once. Cheap once known to this store.
   */
  void ensure(String tenantId);

  /** Every provisioned tenant, sorted by id. */
  List<String> list();

  /**
   * The tenant's schema version and drift against the compiled mappings. Reads the catalogue.
   *
   * @throws UnknownTenantException when the tenant is not provisioned
   */
  TenantStatus status(String tenantId);

  /** Brings every provisioned tenant to this version's Rillflow tables and document tables; returns them. */
  List<String> migrateAll();

  /**
   * Writes the tenant's documents and events (not shared documents, not projection checkpoints) as
   * files in directory {@code target} (created when missing), which {@link #importFrom} reads back.
   *
   * @return the directory written
   */
  Path export(String tenantId, Path target);

  /**
   * Provisions {@code tenantId} (as {@link #ensure}) and loads an {@link #export}'s files into it in
   * one transaction: all of it or, on any failure (a document or stream already there), none of it.
   * Async projections then run over the imported events from the start.
   */
  void importFrom(String tenantId, Path source);

  /**
   * The daemon that runs every provisioned tenant's async projections, each (projection, tenant) with
   * its own checkpoint, lease and epoch in the tenant's schema, under the store's connection budget
   * ({@link Tenancy#concurrentBatchesPerDatabase(int)}). One per store; the store's close stops it.
   */
  TenantDaemon daemon();

  /**
   * Drops the tenant's schema with every document and event in it, and forgets the tenant.
   *
   * @param confirmation the tenant id again; anything else refuses, dropping nothing
   */
  void drop(String tenantId, String confirmation);

  /**
   * Records in the store's {@code rf_tenant_databases} that {@code tenantId} lives in the database at
   * {@code databaseUrl}, for {@code Tenancy.databasePerTenant(TenantDatabases.masterTable())}; then
   * {@link #ensure} provisions it there. A tenant already assigned elsewhere is refused (move it by
   * export, drop and import), the same assignment again is a no-op.
   *
   * @throws IllegalStateException when the store's tenants are not assigned by the master table
   */
  void assign(String tenantId, String databaseUrl);
}
