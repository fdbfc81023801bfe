package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.DocumentStore;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.tenancy.TenantDatabases;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code tenants} commands that need no application mappings, through the shaded jar alone
 * ({@code java -jar}, no application class on the class path): list, status (Rillflow's tables), assign
 * (master table) and drop, on stores this JVM provisions with the application's mappings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneTenantsIT {
  private final List<TestSchema> schemas = new ArrayList<>();
  private final List<DocumentStore> stores = new ArrayList<>();

  private DocumentStore store(Tenancy tenancy) {
    TestSchema schema = TestSchema.create(TestDatabase.shared(), getClass());
    schemas.add(schema);
    DocumentStore store = schema.storeBuilder().tenancy(tenancy).build();
    stores.add(store);
    return store;
  }

  @AfterAll
  void drop() {
    for (DocumentStore store : stores) {
      for (String tenant : store.tenants().list()) {
        store.tenants().drop(tenant, tenant);
      }
      store.close();
    }
    schemas.forEach(TestSchema::drop);
  }

  private static CliProcess.Result jar(DocumentStore store, String tenancy, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--tenancy", tenancy));
    all.addAll(List.of(args));
    return CliProcess.run(CliProcess.standaloneJar(store.schemaName(), all.toArray(String[]::new)));
  }

  @Test
  void listStatusAndDropASchemaPerTenantStoreWithoutTheApplication() throws Exception {
    DocumentStore store = store(Tenancy.schemaPerTenant());
    store.tenants().ensure("acme");
    store.forTenant("acme").events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 1));

    CliProcess.Result list = jar(store, "schema-per-tenant", "tenants", "list", "--json");
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.json().get("tenants").toString()).isEqualTo("[\"acme\"]");

    CliProcess.Result status = jar(store, "schema-per-tenant", "tenants", "status", "acme", "--json");
    assertThat(status.exit()).as(status.toString()).isZero();
    assertThat(status.json().get("exists").asBoolean()).isTrue();
    assertThat(status.json().get("schemaVersion").asInt()).isEqualTo(status.json().get("latestVersion").asInt());
    assertThat(status.json().get("schema").asText()).isEqualTo(store.schemaName() + "_acme");

    CliProcess.Result refused = jar(store, "schema-per-tenant", "tenants", "drop", "acme", "--confirm", "acne");
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(store.tenants().list()).containsExactly("acme");
    CliProcess.Result drop = jar(store, "schema-per-tenant", "tenants", "drop", "acme", "--confirm", "acme", "--json");
    assertThat(drop.exit()).as(drop.toString()).isZero();
    assertThat(store.tenants().list()).isEmpty();
    assertThat(jar(store, "schema-per-tenant", "tenants", "status", "acme").exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void assignInTheMasterTableThenListStatusAndDropWithoutTheApplication() throws Exception {
    DocumentStore store = store(Tenancy.databasePerTenant(TenantDatabases.masterTable()));
    String url = CliProcess.url();

    CliProcess.Result assign = jar(store, "database-per-tenant", "tenants", "assign", "beta", "--database", url,
        "--json");
    assertThat(assign.exit()).as(assign.toString()).isZero();
    assertThat(assign.json().get("assigned").asBoolean()).isTrue();
    assertThat(jar(store, "database-per-tenant", "tenants", "assign", "beta", "--database", url).exit())
        .as("the same assignment again").isZero();
    store.tenants().ensure("beta");
    store.forTenant("beta").events().append("acc-1", ExpectedVersion.noStream(), new Deposited("b", 1));

    CliProcess.Result list = jar(store, "database-per-tenant", "tenants", "list", "--json");
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.json().get("tenants").toString()).isEqualTo("[\"beta\"]");
    CliProcess.Result status = jar(store, "database-per-tenant", "tenants", "status", "beta", "--json");
    assertThat(status.exit()).as(status.toString()).isZero();
    JsonNode json = status.json();
    assertThat(json.get("exists").asBoolean()).isTrue();
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(json.get("latestVersion").asInt());

    CliProcess.Result moved = jar(store, "database-per-tenant", "tenants", "assign", "beta", "--database",
        "jdbc:postgresql://localhost:1/elsewhere");
    assertThat(moved.exit()).as("a tenant is moved by export, drop and import: " + moved)
        .isEqualTo(ExitCodes.FAILURE);
    assertThat(moved.err()).contains("beta", "export, drop and import");

    CliProcess.Result wrongMode = jar(store, "schema-per-tenant", "tenants", "assign", "gamma", "--database", url);
    assertThat(wrongMode.exit()).as(wrongMode.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrongMode.err()).contains("--tenancy database-per-tenant");
    CliProcess.Result password = jar(store, "database-per-tenant", "tenants", "assign", "gamma", "--database",
        url + (url.contains("?") ? "&" : "?") + "password=x");
    assertThat(password.exit()).as(password.toString()).isEqualTo(ExitCodes.USAGE);

    CliProcess.Result drop = jar(store, "database-per-tenant", "tenants", "drop", "beta", "--confirm", "beta");
    assertThat(drop.exit()).as(drop.toString()).isZero();
    assertThat(store.tenants().list()).isEmpty();
  }
}
