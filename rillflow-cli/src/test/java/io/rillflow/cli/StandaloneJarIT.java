package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar as an operator runs it ({@code java -jar rillflow-cli-<version>-standalone.jar}):
 * its merged service files find the driver, Flyway's PostgreSQL support and the store factory, and
 * with no application class it still reports the projections from their rows, streams and dead letters.
 */
class StandaloneJarIT extends RillflowTestBase {

  @AfterEach
  void stopDaemon() {
    store().projections().daemon().stop();
  }

  private CliProcess.Result jar(String... args) throws Exception {
    return CliProcess.run(CliProcess.standaloneJar(store().schemaName(), args));
  }

  @Test
  void storeLevelCommandsWorkWithoutTheApplicationsClasses() throws Exception {
    store().events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 1));
    store().projections().daemon().runUntilIdle();
    store().projections().daemon().stop();
    store().events().append("acc-1", ExpectedVersion.exactly(1), new Deposited("a", 2), new Deposited("a", 3));

    CliProcess.Result status = jar("projections", "status", "--json");
    assertThat(status.exit()).as(status.toString()).isZero();
    JsonNode balances = status.json().get("projections").get(0);
    assertThat(balances.get("name").asText()).isEqualTo("balances");
    assertThat(balances.get("lifecycle").asText()).isEqualTo("ASYNC");
    assertThat(balances.get("position").asLong()).isEqualTo(1);
    assertThat(balances.get("lag").asLong()).isEqualTo(2);

    CliProcess.Result list = jar("projections", "list");
    assertThat(list.out().lines().toList()).element(1).asString().matches("balances\\s+ASYNC\\s+no");

    CliProcess.Result pause = jar("projections", "pause", "balances");
    assertThat(pause.exit()).as(pause.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(pause.err()).contains("has a row in the schema");

    CliProcess.Result stream = jar("streams", "show", "acc-1", "--json");
    assertThat(stream.exit()).as(stream.toString()).isZero();
    assertThat(stream.json().get("version").asLong()).isEqualTo(3);

    CliProcess.Result create = jar("subscriptions", "create", "mail", "--event-type", "Deposited", "--json");
    assertThat(create.exit()).as(create.toString()).isZero();
    assertThat(store().subscriptions().find("mail")).isPresent();
    CliProcess.Result subscriptions = jar("subscriptions", "status", "mail", "--json");
    assertThat(subscriptions.exit()).as(subscriptions.toString()).isZero();
    assertThat(subscriptions.json().get("subscription").asText()).isEqualTo("mail");
    CliProcess.Result tail = jar("subscriptions", "tail", "mail", "--json");
    assertThat(tail.exit()).as("the jar has no Deposited class: it prints the stored JSON " + tail).isZero();
    assertThat(tail.json().get("events")).hasSize(3);
    assertThat(tail.json().get("events").get(2).get("data").get("cents").asLong()).isEqualTo(3);
    assertThat(store().subscriptions().groups("mail")).as("nothing taken, nothing parked").isEmpty();
    assertThat(jar("subscriptions", "delete", "mail").exit()).isZero();
    assertThat(store().subscriptions().find("mail")).isEmpty();

    CliProcess.Result docs = jar("docs", "get", "Customer", "x");
    assertThat(docs.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(docs.err()).contains("not on the class path");
  }
}
