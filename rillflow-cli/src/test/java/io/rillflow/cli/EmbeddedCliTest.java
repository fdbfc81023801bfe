package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command line inside the application, through {@link RillflowCli#run(io.rillflow.DocumentStore, PrintWriter, PrintWriter, String...)}. */
class EmbeddedCliTest extends RillflowTestBase {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stopDaemon() {
    store().projections().daemon().stop();
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return RillflowCli.run(store(), new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void commandsRunOnTheApplicationsStoreAndLeaveItOpen() throws Exception {
    store().events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 100));
    assertThat(run("projections", "status", "--json")).as(err.toString()).isZero();
    JsonNode status = CliProcess.JSON.readTree(out.toString()).get("projections").get(0);
    assertThat(status.get("name").asText()).isEqualTo("balances");
    assertThat(status.get("lag").asLong()).isEqualTo(1);

    assertThat(run("projections", "pause", "balances")).isZero();
    assertThat(store().projections().daemon().status().get(0).paused()).isTrue();
    assertThat(run("projections", "resume", "balances", "--json")).isZero();
    assertThat(CliProcess.JSON.readTree(out.toString()).get("projection").asText()).isEqualTo("balances");
    assertThat(run("projections", "run-until-idle")).isZero();
    assertThat(out.toString()).contains("Applied 1 event(s).");
    assertThat(run("projections", "rebuild", "balances")).isZero();
    assertThat(store().projections().daemon().status().get(0).checkpoint().position()).isZero();

    assertThat(run("projections", "list")).isZero();
    assertThat(out.toString().lines().toList()).element(1).asString().matches("balances\\s+ASYNC\\s+yes");
    assertThat(store().events().streamState("acc-1")).as("the store is still open").isPresent();
  }

  @Test
  void runOnceByNameStepsThatProjectionAndRefusesAnUnknownName() throws Exception {
    store().events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 100));
    assertThat(run("projections", "run-once", "--name", "balances", "--json")).as(err.toString()).isZero();
    assertThat(CliProcess.JSON.readTree(out.toString()).get("progressed").get(0).asText()).isEqualTo("balances");
    assertThat(store().projections().daemon().status().get(0).lag()).isZero();
    assertThat(run("projections", "run-once", "--name", "nope")).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(err.toString()).contains("nope");
  }

  @Test
  void schemaPlanExportAndApplyRestoreADroppedIndex(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
      throws Exception {
    assertThat(run("schema", "plan")).isZero();
    assertThat(out.toString()).contains("The database matches the mappings.");
    String index;
    try (var connection = store().dataSource().getConnection();
        var query = connection.prepareStatement("SELECT indexname FROM pg_indexes WHERE schemaname = ?"
            + " AND tablename = 'doc_customer' AND indexdef LIKE '%(name)%'")) {
      query.setString(1, store().schemaName());
      var row = query.executeQuery();
      assertThat(row.next()).as("the index of Customer.name").isTrue();
      index = row.getString(1);
      connection.createStatement().execute("DROP INDEX \"" + store().schemaName() + "\".\"" + index + "\"");
    }
    assertThat(run("health", "schema")).isEqualTo(ExitCodes.FAILURE);
    assertThat(run("schema", "plan", "--json")).isZero();
    JsonNode plan = CliProcess.JSON.readTree(out.toString());
    assertThat(plan.get("empty").asBoolean()).isFalse();
    assertThat(plan.get("statements").get(0).asText()).contains("CREATE", "INDEX", index);

    assertThat(run("schema", "export", "--to", directory.toString(), "--json")).isZero();
    java.nio.file.Path file = java.nio.file.Path.of(CliProcess.JSON.readTree(out.toString()).get("file").asText());
    assertThat(java.nio.file.Files.readString(file)).contains(index);

    assertThat(run("schema", "apply")).isZero();
    assertThat(out.toString()).contains("Applied " + plan.get("statements").size() + " statement(s).");
    assertThat(run("health", "schema")).isZero();
  }

  @Test
  void connectionOptionsAreRefusedWhereTheApplicationGivesTheStore() {
    assertThat(run("--url", "jdbc:postgresql://elsewhere/db", "projections", "status")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("standalone");
  }

  @Test
  void streamsResolveFindsAnAliasAndCreatesOneOnlyWhenAsked() throws Exception {
    assertThat(run("streams", "resolve", "accounts:7")).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(store().events().aliases().find("accounts:7")).isEmpty();
    assertThat(run("streams", "resolve", "accounts:7", "--create", "--json")).as(err.toString()).isZero();
    String created = CliProcess.JSON.readTree(out.toString()).get("streamId").asText();
    assertThat(store().events().aliases().find("accounts:7")).hasValueSatisfying(id -> assertThat(id.toString()).isEqualTo(created));
    assertThat(run("streams", "resolve", "accounts:7")).isZero();
    assertThat(out.toString().trim()).isEqualTo(created);
  }

  @Test
  void snapshotsCompactOnceAndRunUntilIdleSnapshotLongStreams() throws Exception {
    for (int i = 0; i < 5; i++) {
      store().events().append("acc-9", ExpectedVersion.any(),
          io.rillflow.events.AppendOptions.builder().streamType("Account").build(), new Deposited("acc-9", 10));
    }
    assertThat(run("snapshots", "compact-once", "--threshold", "10")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Wrote 0 snapshot(s).");
    assertThat(run("snapshots", "run-until-idle", "--threshold", "3", "--batch", "1", "--json")).as(err.toString())
        .isZero();
    assertThat(CliProcess.JSON.readTree(out.toString()).get("written").asLong()).isEqualTo(1);
    assertThat(store().aggregates(io.rillflow.cli.app.Account.class).load("acc-9"))
        .contains(new io.rillflow.cli.app.Account(50));
  }

  @Test
  void subscriptionsAreCreatedListedAndDeletedOnTheApplicationsStore() throws Exception {
    store().events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 1), new Deposited("a", 2));
    assertThat(run("subscriptions", "create", "audit", "--stream-type", "Account", "--start-from", "now", "--json"))
        .as(err.toString()).isZero();
    assertThat(CliProcess.JSON.readTree(out.toString()).get("created").asBoolean()).isTrue();
    assertThat(store().subscriptions().find("audit").orElseThrow().filter().streamTypes()).containsExactly("Account");

    assertThat(run("subscriptions", "list", "--json")).as(err.toString()).isZero();
    JsonNode listed = CliProcess.JSON.readTree(out.toString()).get("subscriptions").get(0);
    assertThat(listed.get("name").asText()).isEqualTo("audit");
    assertThat(listed.get("startTransactionId").asLong()).as("now: the safe point's transaction (beginning is 0)")
        .isPositive();

    assertThat(run("subscriptions", "status", "audit", "--json")).as(err.toString()).isZero();
    assertThat(CliProcess.JSON.readTree(out.toString()).get("groups")).as("no member has joined").isEmpty();
    assertThat(run("subscriptions", "groups", "nope")).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(err.toString()).contains("\"nope\"", "audit");
    assertThat(run("subscriptions", "set-max-in-flight", "audit", "--group", "g", "--value", "-1"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(run("subscriptions", "create", "acme-only", "--tenant", "acme")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("acme", "no tenancy");
    assertThat(store().subscriptions().find("acme-only")).isEmpty();
    assertThat(run("subscriptions", "delete", "audit")).isZero();
    assertThat(store().subscriptions().list()).isEmpty();
    assertThat(store().events().streamState("acc-1")).as("the store is still open").isPresent();
  }
}
