package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.test.ChildJvm;
import io.rillflow.test.RillflowTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code subscriptions tail} as a real child JVM: the events a group gets next, as stored, after each
 * partition's checkpoint and through the filter; nothing taken or acknowledged; {@code --follow}
 * printing new events as they come.
 */
class SubscriptionTailTest extends RillflowTestBase {
  private static final SubscriptionOptions WORKERS = SubscriptionOptions.defaults().group("workers")
      .ackMode(AckMode.MANUAL).pollInterval(Duration.ofMillis(20)).leaseDuration(Duration.ofMinutes(5));

  private CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.run(store().schemaName(), args);
  }

  @Test
  void tailPrintsWhatTheGroupGetsNextAsStoredAndTakesNothing() throws Exception {
    store().subscriptions().create("audit", SubscriptionFilter.allEvents().eventTypes("Deposited"), 4);
    store().events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 1), new Deposited("a", 2),
        new Deposited("a", 3));

    CliProcess.Result first = cli("subscriptions", "tail", "audit", "--limit", "2", "--json");
    assertThat(first.exit()).as(first.toString()).isZero();
    JsonNode events = first.json().get("events");
    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("type").asText()).isEqualTo("Deposited");
    assertThat(events.get(0).get("streamId").asText()).isEqualTo("acc-1");
    assertThat(events.get(1).get("version").asLong()).isEqualTo(2);
    assertThat(events.get(1).get("data").get("cents").asLong()).as("the stored JSON, as JSON").isEqualTo(2);
    assertThat(first.json().get("group").asText()).isEqualTo("default");
    assertThat(store().subscriptions().groups("audit")).as("no group joined, nothing taken").isEmpty();

    try (PullSubscription pull = store().subscriptions().pull("audit", WORKERS)) {
      List<Delivery> got = pull.poll(2, Duration.ofSeconds(30));
      assertThat(got).hasSize(2);
      got.forEach(pull::ack);
      Http.await("the acknowledgements stored", Duration.ofSeconds(30), () -> {
        pull.poll(1);
        return store().subscriptions().groupStatus("audit", "workers").partitions().stream()
            .anyMatch(p -> p.checkpoint().position() == 2);
      });
    }
    CliProcess.Result rest = cli("subscriptions", "tail", "audit", "--group", "workers", "--json");
    assertThat(rest.exit()).as(rest.toString()).isZero();
    assertThat(rest.json().get("events")).hasSize(1);
    assertThat(rest.json().get("events").get(0).get("version").asLong()).isEqualTo(3);
    int partition = rest.json().get("events").get(0).get("partition").asInt();
    assertThat(store().subscriptions().groupStatus("audit", "workers").partitions().get(partition).checkpoint()
        .position()).as("acc-1's partition: tail moved no checkpoint").isEqualTo(2);

    CliProcess.Result table = cli("subscriptions", "tail", "audit", "--group", "workers");
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("POSITION").contains("STREAM", "DATA");
    assertThat(table.out().lines().skip(1).findFirst().orElseThrow()).contains("acc-1", "Deposited", "\"cents\": 3");

    assertThat(cli("subscriptions", "tail", "nope").exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli("subscriptions", "tail", "audit", "--limit", "0").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void followPrintsNewEventsAsTheyPassTheSafePoint() throws Exception {
    store().subscriptions().create("feed", SubscriptionFilter.allEvents(), 2);
    store().events().append("acc-9", ExpectedVersion.noStream(), new Deposited("z", 10));
    try (ChildJvm tail = ChildJvm.start(CliProcess.builder(store().schemaName(), "subscriptions", "tail", "feed",
        "--follow", "--json"))) {
      JsonNode first = CliProcess.JSON.readTree(tail.awaitLine("\"version\":1", Duration.ofSeconds(120)));
      assertThat(first.get("data").get("cents").asLong()).isEqualTo(10);
      store().events().append("acc-9", ExpectedVersion.exactly(1), new Deposited("z", 20));
      JsonNode second = CliProcess.JSON.readTree(tail.awaitLine("\"version\":2", Duration.ofSeconds(60)));
      assertThat(second.get("streamId").asText()).isEqualTo("acc-9");
      assertThat(second.get("position").asLong()).isGreaterThan(first.get("position").asLong());
      assertThat(tail.lines().stream().filter(l -> l.contains("\"streamId\"")).count()).as("each event once")
          .isEqualTo(2);
    }
    assertThat(store().subscriptions().groups("feed")).isEmpty();
  }
}
