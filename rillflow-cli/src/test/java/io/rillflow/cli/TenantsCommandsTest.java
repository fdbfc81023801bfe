package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tenants ...} as real child JVMs ({@code --tenancy schema-per-tenant}, the standalone entry
 * point) on a schema-per-tenant store, and inside the application through {@link RillflowCli#run}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantsCommandsTest {
  private TestSchema schema;
  private DocumentStore store;

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    store = schema.storeBuilder().tenancy(Tenancy.schemaPerTenant()).build();
  }

  @AfterAll
  void stop() {
    schema.dropWithTenants(store);
  }

  private CliProcess.Result cli(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "--tenancy";
    all[1] = "schema-per-tenant";
    System.arraycopy(args, 0, all, 2, args.length);
    return CliProcess.run(store.schemaName(), all);
  }

  @Test
  void ensureStatusExportImportMigrateAndDropAsChildProcesses(@TempDir Path directory) throws Exception {
    CliProcess.Result before = cli("tenants", "list", "--json");
    assertThat(before.exit()).as(before.toString()).isZero();
    assertThat(before.json().get("tenants").toString()).isEqualTo(store.tenants().list().isEmpty() ? "[]"
        : "[\"initech\"]"); // the in-application test may have run first

    CliProcess.Result ensure = cli("tenants", "ensure", "acme", "--json");
    assertThat(ensure.exit()).as(ensure.toString()).isZero();
    assertThat(cli("tenants", "ensure", "acme").exit()).as("idempotent").isZero();
    assertThat(store.tenants().list()).contains("acme");

    CliProcess.Result status = cli("tenants", "status", "acme", "--json");
    assertThat(status.exit()).as(status.toString()).isZero();
    assertThat(status.json().get("schema").asText()).isEqualTo(store.schemaName() + "_acme");
    assertThat(status.json().get("upToDate").asBoolean()).isTrue();
    assertThat(status.json().get("schemaVersion").asInt()).isEqualTo(status.json().get("latestVersion").asInt());
    CliProcess.Result table = cli("tenants", "status", "acme");
    assertThat(table.out().lines().skip(1).findFirst().orElseThrow()).matches("acme\\s+\\S+_acme\\s+true\\s+\\d+\\s+\\d+\\s+true\\s+0\\s+0");

    store.forTenant("acme").events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 1),
        new Deposited("a", 2));
    Path exported = directory.resolve("acme");
    CliProcess.Result export = cli("tenants", "export", "acme", "--to", exported.toString(), "--json");
    assertThat(export.exit()).as(export.toString()).isZero();
    try (var files = Files.list(exported)) {
      assertThat(files.count()).as("files written").isPositive();
    }
    CliProcess.Result imported = cli("tenants", "import", "globex", "--from", exported.toString());
    assertThat(imported.exit()).as(imported.toString()).isZero();
    assertThat(store.forTenant("globex").events().streamState("acc-1").orElseThrow().version()).isEqualTo(2);

    CliProcess.Result migrated = cli("tenants", "migrate-all", "--json");
    assertThat(migrated.exit()).as(migrated.toString()).isZero();
    assertThat(migrated.json().get("migrated").toString()).contains("acme", "globex");

    CliProcess.Result unknown = cli("tenants", "status", "nobody");
    assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("nobody");

    CliProcess.Result unconfirmed = cli("tenants", "drop", "acme");
    assertThat(unconfirmed.exit()).as("--confirm is required").isEqualTo(ExitCodes.USAGE);
    CliProcess.Result wrong = cli("tenants", "drop", "acme", "--confirm", "globex");
    assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(store.tenants().list()).contains("acme");
    CliProcess.Result drop = cli("tenants", "drop", "acme", "--confirm", "acme", "--json");
    assertThat(drop.exit()).as(drop.toString()).isZero();
    assertThat(drop.json().get("dropped").asBoolean()).isTrue();
    assertThat(cli("tenants", "list", "--json").json().get("tenants").toString()).contains("\"globex\"")
        .doesNotContain("acme");
  }

  @Test
  void withoutTenancyTheCommandsSayHowToAskForIt() throws Exception {
    // A store without tenants keeps its document tables in its own schema, which the tenancy store's has not.
    TestSchema plain = TestSchema.create(TestDatabase.shared(), getClass());
    try {
      plain.storeBuilder().build().close();
      CliProcess.Result single = CliProcess.run(plain.name(), "tenants", "list");
      assertThat(single.exit()).as(single.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(single.err()).contains("--tenancy schema-per-tenant");
    } finally {
      plain.drop();
    }
    CliProcess.Result bad = CliProcess.run(store.schemaName(), "--tenancy", "shared", "tenants", "list");
    assertThat(bad.exit()).as(bad.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("conjoined");
  }

  @Test
  void insideTheApplicationTheStoresTenancyServes() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(RillflowCli.run(store, new PrintWriter(out), new PrintWriter(err), "tenants", "ensure", "initech"))
        .as(err.toString()).isZero();
    assertThat(store.tenants().list()).contains("initech");
    out.getBuffer().setLength(0);
    assertThat(RillflowCli.run(store, new PrintWriter(out), new PrintWriter(err), "tenants", "list")).isZero();
    assertThat(out.toString()).contains("TENANT", "initech");
    assertThat(store.tenants().status("initech").upToDate()).as("the store is still open").isTrue();
  }
}
