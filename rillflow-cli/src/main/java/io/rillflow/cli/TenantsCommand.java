package io.rillflow.cli;

import io.rillflow.DocumentStore;
import io.rillflow.tenancy.TenantStatus;
import io.rillflow.tenancy.Tenants;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tenants list|ensure|status|migrate-all|export|import|drop|assign}: the store's tenants
 * ({@link Tenants}). The standalone jar needs {@code --tenancy schema-per-tenant} or
 * {@code --tenancy database-per-tenant} (tenants assigned in the master table) to open a store with
 * tenants; the application's store brings its own tenancy. Without the application's classes
 * {@code list}, {@code status} (Rillflow's tables; no document mappings to compare), {@code assign} and
 * {@code drop} do all they do with them.
 */
@Command(name = "tenants", mixinStandardHelpOptions = true, description = "Tenants of a store with tenancy")
final class TenantsCommand {
  @ParentCommand
  RootCommand root;

  @Command(name = "list", description = "Every provisioned tenant")
  void list() {
    List<String> tenants = tenants().list();
    root.output().print(Map.of("tenants", tenants), () -> {
      TextTable table = new TextTable("TENANT");
      tenants.forEach(table::row);
      return table;
    });
  }

  @Command(name = "ensure", description = "Provisions a tenant (schema, Rillflow tables, document tables); idempotent")
  void ensure(@Parameters(paramLabel = "TENANT") String tenant) {
    tenants().ensure(tenant);
    root.output().message(Output.fields("tenant", tenant, "ensured", true), "Tenant " + tenant + " is provisioned.");
  }

  @Command(name = "status", description = "The tenant's schema, migration version and document drift")
  void status(@Parameters(paramLabel = "TENANT") String tenant) {
    TenantStatus status = tenants().status(tenant);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tenant", status.tenantId());
    json.put("schema", status.schema());
    json.put("exists", status.exists());
    json.put("schemaVersion", status.schemaVersion());
    json.put("latestVersion", status.latestVersion());
    json.put("upToDate", status.upToDate());
    json.put("missingDdl", status.documents().statements());
    json.put("drift", status.documents().drift().stream().map(Object::toString).toList());
    root.output().print(json, () -> {
      TextTable table = new TextTable("TENANT", "SCHEMA", "EXISTS", "VERSION", "LATEST", "UP_TO_DATE", "MISSING_DDL",
          "DRIFT");
      table.row(status.tenantId(), status.schema(), status.exists(), status.schemaVersion(), status.latestVersion(),
          status.upToDate(), status.documents().statements().size(), status.documents().drift().size());
      return table;
    });
  }

  @Command(name = "migrate-all", description = "Brings every tenant to this version's tables")
  void migrateAll() {
    List<String> migrated = tenants().migrateAll();
    root.output().message(Map.of("migrated", migrated), "Migrated " + migrated.size() + " tenant(s): " + migrated);
  }

  @Command(name = "export", description = "Writes the tenant's documents and events as files in a directory")
  void export(@Parameters(paramLabel = "TENANT") String tenant,
      @Option(names = "--to", required = true, paramLabel = "DIR") Path directory) {
    Path written = tenants().export(tenant, directory);
    root.output().message(Output.fields("tenant", tenant, "directory", written.toAbsolutePath().toString()),
        "Tenant " + tenant + " exported to " + written.toAbsolutePath());
  }

  @Command(name = "import", description = "Provisions the tenant and loads an export into it: all of it or none")
  void importFrom(@Parameters(paramLabel = "TENANT") String tenant,
      @Option(names = "--from", required = true, paramLabel = "DIR") Path directory) {
    tenants().importFrom(tenant, directory);
    root.output().message(Output.fields("tenant", tenant, "imported", directory.toAbsolutePath().toString()),
        "Tenant " + tenant + " imported from " + directory.toAbsolutePath());
  }

  @Command(name = "drop", description = "Drops the tenant's schema with every document and event in it")
  void drop(@Parameters(paramLabel = "TENANT") String tenant,
      @Option(names = "--confirm", required = true, paramLabel = "TENANT",
          description = "The tenant id again; anything else drops nothing") String confirmation) {
    tenants().drop(tenant, confirmation);
    root.output().message(Output.fields("tenant", tenant, "dropped", true), "Tenant " + tenant + " dropped.");
  }

  @Command(name = "assign", description = "Records the database a tenant lives in (master-table mode); then"
      + " ensure provisions it there")
  void assign(@Parameters(paramLabel = "TENANT") String tenant,
      @Option(names = "--database", required = true, paramLabel = "JDBC_URL",
          description = "jdbc:postgresql://host:port/database of the tenant (no password in it)") String url) {
    if (url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
      throw new IllegalArgumentException("--database must not carry a password: the store connects to every"
          + " database with its own credentials");
    }
    if (root.standalone() && (root.connection == null
        || root.connection.tenancy != ConnectionOptions.TenancyOption.DATABASE_PER_TENANT)) {
      throw new IllegalArgumentException("tenants assign is for a store whose tenants the master table assigns:"
          + " open it with --tenancy database-per-tenant");
    }
    tenants().assign(tenant, url);
    root.output().message(Output.fields("tenant", tenant, "database", url, "assigned", true),
        "Tenant " + tenant + " is assigned to " + url + "; tenants ensure " + tenant + " provisions it there.");
  }

  private Tenants tenants() {
    return root.tenants();
  }
}
