package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.DocumentSession;
import io.rillflow.cli.app.Customer;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each command as a real child JVM (the standalone entry point) against the test database: exit status, output, JSON. */
class StandaloneCommandsTest extends RillflowTestBase {

  @AfterEach
  void stopDaemon() {
    store().projections().daemon().stop();
  }

  private CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.run(store().schemaName(), args);
  }

  @Test
  void projectionStatusListsLagAsTableAndJsonThenRunUntilIdleCatchesUp() throws Exception {
    store().events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 100), new Deposited("a", 50));
    store().events().append("acc-2", ExpectedVersion.noStream(), new Deposited("b", 7));

    CliProcess.Result table = cli("projections", "status");
    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("LAG", "HELD_BACK_BY");
    assertThat(table.out().lines().skip(1).filter(l -> l.startsWith("balances ")).findFirst().orElseThrow())
        .matches("balances\\s+ASYNC\\s+0\\s+3\\s+3\\s+running.*");

    CliProcess.Result json = cli("projections", "status", "balances", "--json");
    assertThat(json.exit()).as(json.toString()).isZero();
    JsonNode status = json.json().get("projections").get(0);
    assertThat(status.get("name").asText()).isEqualTo("balances");
    assertThat(status.get("lag").asLong()).isEqualTo(3);
    assertThat(status.get("head").asLong()).isEqualTo(3);

    CliProcess.Result run = cli("--json", "projections", "run-until-idle");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.json().get("applied").asLong()).isEqualTo(3);
    try (var session = store().querySession()) {
      assertThat(session.load(io.rillflow.cli.app.Balance.class, "a").orElseThrow().cents()).isEqualTo(150);
    }
    JsonNode after = cli("projections", "status", "--json").json().get("projections").get(0);
    assertThat(after.get("lag").asLong()).isZero();
    assertThat(after.get("owner").isNull()).as("the child released its lease when it ended").isTrue();
  }

  @Test
  void runOnceAppliesOneBatch() throws Exception {
    java.util.List<Deposited> deposits = new java.util.ArrayList<>();
    for (int i = 0; i < 501; i++) {
      deposits.add(new Deposited("a", 1));
    }
    store().events().append("acc-1", ExpectedVersion.noStream(), io.rillflow.events.AppendOptions.NONE, deposits);
    CliProcess.Result once = cli("projections", "run-once", "--json");
    assertThat(once.exit()).as(once.toString()).isZero();
    assertThat(once.json().get("progressed").get(0).asText()).isEqualTo("balances");
    assertThat(store().projections().daemon().status().get(0).lag()).as("one batch of the default 500").isEqualTo(1);
  }

  @Test
  void exitStatusesSayUsageAndNotFound() throws Exception {
    CliProcess.Result unknownCommand = cli("projections", "frobnicate");
    assertThat(unknownCommand.exit()).as(unknownCommand.toString()).isEqualTo(ExitCodes.USAGE);

    CliProcess.Result unknownProjection = cli("projections", "pause", "nope");
    assertThat(unknownProjection.exit()).as(unknownProjection.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknownProjection.err()).contains("\"nope\"", "balances");

    CliProcess.Result noStream = cli("streams", "show", "missing-stream");
    assertThat(noStream.exit()).as(noStream.toString()).isEqualTo(ExitCodes.NOT_FOUND);

    CliProcess.Result noUrl = CliProcess.run(new ProcessBuilder(CliProcess.java(), "-cp",
        System.getProperty("java.class.path"), RillflowCli.class.getName(), "projections", "status"));
    assertThat(noUrl.exit()).as(noUrl.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(noUrl.err()).contains("Missing --url");

    CliProcess.Result noPasswordFile = cli("--password-file", "/nonexistent/rillflow-password", "projections", "status");
    assertThat(noPasswordFile.exit()).as(noPasswordFile.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(noPasswordFile.err()).contains("--password-file");

    CliProcess.Result passwordInUrl = CliProcess.run(new ProcessBuilder(CliProcess.java(), "-cp",
        System.getProperty("java.class.path"), RillflowCli.class.getName(),
        "--url", "jdbc:postgresql://localhost/db?password=s3cret", "projections", "status"));
    assertThat(passwordInUrl.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(passwordInUrl.out() + passwordInUrl.err()).doesNotContain("s3cret");
  }

  @Test
  void deadLettersAreListedRequeuedAndDeleted() throws Exception {
    store().events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 1));
    long id;
    try (var connection = store().dataSource().getConnection();
        var insert = connection.prepareStatement("INSERT INTO \"" + store().schemaName() + "\".rf_dead_letters"
            + " (projection, tx_id, seq_id, stream_id, version, type, attempts, error) VALUES"
            + " ('balances', 1, 1, 'acc-1', 1, 'Deposited', 3, 'boom') RETURNING id")) {
      var row = insert.executeQuery();
      row.next();
      id = row.getLong(1);
    }
    CliProcess.Result list = cli("projections", "dead-letters", "balances", "--json");
    assertThat(list.exit()).as(list.toString()).isZero();
    JsonNode letter = list.json().get("deadLetters").get(0);
    assertThat(letter.get("id").asLong()).isEqualTo(id);
    assertThat(letter.get("error").asText()).isEqualTo("boom");
    assertThat(letter.get("streamId").asText()).isEqualTo("acc-1");

    assertThat(cli("projections", "requeue", Long.toString(id)).exit()).isZero();
    assertThat(store().projections().deadLetters("balances").get(0).requeued()).isTrue();
    assertThat(cli("projections", "delete", Long.toString(id)).exit()).isZero();
    assertThat(store().projections().deadLetters("balances")).isEmpty();
    assertThat(cli("projections", "delete", Long.toString(id)).exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void streamsAreShownArchivedRestoredAndTombstoned() throws Exception {
    store().events().append("acc-9", ExpectedVersion.noStream(), new Deposited("z", 5), new Deposited("z", 6));
    CliProcess.Result show = cli("streams", "show", "acc-9", "--events", "--json");
    assertThat(show.exit()).as(show.toString()).isZero();
    assertThat(show.json().get("version").asLong()).isEqualTo(2);
    assertThat(show.json().get("events").get(1).get("data").get("cents").asLong()).isEqualTo(6);

    assertThat(cli("streams", "archive", "acc-9").exit()).isZero();
    assertThat(store().events().streamState("acc-9").orElseThrow().archived()).isTrue();
    assertThat(store().events().readStream("acc-9")).isEmpty();
    CliProcess.Result archived = cli("streams", "show", "acc-9", "--events", "--json");
    assertThat(archived.json().get("archived").asBoolean()).isTrue();
    assertThat(archived.json().get("events").get(1).get("data").get("cents").asLong()).as("read from the archive")
        .isEqualTo(6);
    assertThat(cli("streams", "unarchive", "acc-9").exit()).isZero();
    assertThat(store().events().readStream("acc-9")).hasSize(2);
    assertThat(store().events().streamState("acc-9").orElseThrow().archived()).isFalse();

    assertThat(cli("streams", "tombstone", "acc-9").exit()).as("--yes is required").isEqualTo(ExitCodes.USAGE);
    assertThat(store().events().streamState("acc-9")).isPresent();
    assertThat(cli("streams", "tombstone", "acc-9", "--yes").exit()).isZero();
    assertThat(store().events().streamState("acc-9")).isEmpty();
  }

  @Test
  void documentsAreReadSoftDeletedAndRestored() throws Exception {
    UUID id = UUID.randomUUID();
    try (DocumentSession session = store().openSession()) {
      session.store(new Customer(id, "Ada"));
      session.saveChanges();
    }
    CliProcess.Result get = cli("docs", "get", "Customer", id.toString());
    assertThat(get.exit()).as(get.toString()).isZero();
    assertThat(get.json().get("name").asText()).isEqualTo("Ada");

    assertThat(cli("docs", "soft-delete", "Customer", id.toString()).exit()).isZero();
    assertThat(exists(id)).isFalse();
    assertThat(cli("docs", "get", "Customer", id.toString()).exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli("docs", "restore", "Customer", id.toString()).exit()).isZero();
    assertThat(exists(id)).isTrue();

    assertThat(cli("docs", "get", "Customer", "not-a-uuid").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli("docs", "get", "Nobody", id.toString()).exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  private boolean exists(UUID id) {
    try (var session = store().querySession()) {
      return session.exists(Customer.class, id);
    }
  }

  @Test
  void upcastersAndSchemaHealth() throws Exception {
    CliProcess.Result list = cli("upcasters", "list", "--json");
    assertThat(list.exit()).as(list.toString()).isZero();
    JsonNode step = list.json().get("upcasters").get(0);
    assertThat(step.get("event").asText()).isEqualTo("Deposited");
    assertThat(step.get("fromVersion").asInt()).isEqualTo(1);
    assertThat(step.get("toVersion").asInt()).isEqualTo(2);
    CliProcess.Result path = cli("upcasters", "path", "--type", "Deposited", "--from-version", "1", "--json");
    assertThat(path.json().get("steps")).hasSize(1);
    assertThat(cli("upcasters", "path", "--type", "Nothing", "--from-version", "1").exit()).isEqualTo(ExitCodes.NOT_FOUND);

    CliProcess.Result healthy = cli("health", "schema", "--json");
    assertThat(healthy.exit()).as(healthy.toString()).isZero();
    assertThat(healthy.json().get("healthy").asBoolean()).isTrue();
    assertThat(cli("schema", "plan", "--json").json().get("empty").asBoolean()).isTrue();

    String ghost = "\"" + store().schemaName() + "\".doc_ghost";
    try (var connection = store().dataSource().getConnection(); var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + ghost + " (id text PRIMARY KEY, data jsonb NOT NULL)");
      statement.execute("INSERT INTO " + ghost + " VALUES ('g1', '{}')");
    }
    CliProcess.Result unhealthy = cli("health", "schema", "--json");
    assertThat(unhealthy.exit()).as(unhealthy.toString()).isEqualTo(ExitCodes.FAILURE);
    assertThat(unhealthy.json().get("drift").get(0).get("table").asText()).isEqualTo("doc_ghost");
    CliProcess.Result drift = cli("schema", "drift");
    assertThat(drift.exit()).isZero();
    assertThat(drift.out()).startsWith("TABLE").contains("doc_ghost");
    try (var connection = store().dataSource().getConnection(); var statement = connection.createStatement()) {
      statement.execute("DROP TABLE " + ghost);
    }
    assertThat(cli("health", "schema").exit()).isZero();
  }
}
