package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.DocumentStore;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tenancy conjoined} as real child JVMs: a tenant's subscriptions managed with
 * {@code subscriptions --tenant}, each tenant seeing only its own, and a tenant exported, dropped and
 * imported back with {@code tenants export/import}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedCommandsTest {
  private TestSchema schema;
  private DocumentStore store;

  @BeforeAll
  void start() {
    schema = TestSchema.create(TestDatabase.shared(), getClass());
    store = schema.storeBuilder().tenancy(Tenancy.conjoined()).build();
  }

  @AfterAll
  void stop() {
    schema.closeAndDrop(store);
  }

  private CliProcess.Result cli(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "--tenancy";
    all[1] = "conjoined";
    System.arraycopy(args, 0, all, 2, args.length);
    return CliProcess.run(store.schemaName(), all);
  }

  @Test
  void aTenantsSubscriptionsAndItsExportDropAndImportAsChildProcesses(@TempDir Path directory) throws Exception {
    CliProcess.Result ensure = cli("tenants", "ensure", "acme", "--json");
    assertThat(ensure.exit()).as(ensure.toString()).isZero();
    assertThat(cli("tenants", "ensure", "globex").exit()).isZero();
    store.forTenant("acme").events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 1),
        new Deposited("a", 2));

    CliProcess.Result created = cli("subscriptions", "create", "mail", "--tenant", "acme", "--partitions", "4");
    assertThat(created.exit()).as(created.toString()).isZero();
    assertThat(store.forTenant("acme").subscriptions().find("mail")).isPresent();
    assertThat(store.forTenant("globex").subscriptions().find("mail")).as("acme's, seen from globex").isEmpty();
    CliProcess.Result acmeList = cli("subscriptions", "list", "--tenant", "acme", "--json");
    assertThat(acmeList.exit()).as(acmeList.toString()).isZero();
    assertThat(acmeList.json().get("subscriptions").get(0).get("name").asText()).isEqualTo("mail");
    CliProcess.Result globexList = cli("subscriptions", "list", "--tenant", "globex", "--json");
    assertThat(globexList.json().get("subscriptions")).as(globexList.toString()).isEmpty();
    CliProcess.Result withoutTenant = cli("subscriptions", "list");
    assertThat(withoutTenant.exit()).as("a tenanted store's own subscriptions need --tenant").isNotZero();
    assertThat(withoutTenant.err()).contains("forTenant");

    Path exported = directory.resolve("acme");
    CliProcess.Result export = cli("tenants", "export", "acme", "--to", exported.toString(), "--json");
    assertThat(export.exit()).as(export.toString()).isZero();
    CliProcess.Result drop = cli("tenants", "drop", "acme", "--confirm", "acme");
    assertThat(drop.exit()).as(drop.toString()).isZero();
    assertThat(store.tenants().list()).doesNotContain("acme");
    CliProcess.Result imported = cli("tenants", "import", "acme", "--from", exported.toString());
    assertThat(imported.exit()).as(imported.toString()).isZero();
    assertThat(store.forTenant("acme").events().streamState("acc-1").orElseThrow().version()).isEqualTo(2);
    assertThat(store.forTenant("globex").events().streamState("acc-1")).isEmpty();
    CliProcess.Result status = cli("subscriptions", "status", "mail", "--tenant", "acme", "--json");
    assertThat(status.exit()).as("the subscription came back with the tenant: " + status).isZero();
  }
}
