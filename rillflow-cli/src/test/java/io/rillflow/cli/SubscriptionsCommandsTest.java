package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rillflow.cli.app.Deposited;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.test.RillflowTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code subscriptions ...} as a real child JVM (the standalone entry point) against the test
 * database, with consumer groups this store drives: exit status, tables and JSON.
 */
class SubscriptionsCommandsTest extends RillflowTestBase {
  /**
   * A pull member heartbeats only when polled, and each command below is a child JVM that takes seconds to
   * start on a loaded machine: a lease of minutes keeps the member (and its partitions) live while they run.
   */
  private static final SubscriptionOptions FAST = SubscriptionOptions.defaults().group("workers")
      .pollInterval(Duration.ofMillis(20)).retryBackoff(Duration.ofMillis(5)).leaseDuration(Duration.ofMinutes(5));

  private CliProcess.Result cli(String... args) throws Exception {
    CliProcess.Result result = CliProcess.run(store().schemaName(), args);
    return result;
  }

  @Test
  void createListStatusSetMaxInFlightSeekAndDelete() throws Exception {
    store().events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 1), new Deposited("a", 2),
        new Deposited("a", 3));
    CliProcess.Result create = cli("subscriptions", "create", "mail", "--event-type", "Deposited", "--partitions", "4",
        "--json");
    assertThat(create.exit()).as(create.toString()).isZero();
    assertThat(create.json().get("created").asBoolean()).isTrue();
    assertThat(store().subscriptions().find("mail").orElseThrow().partitions()).isEqualTo(4);
    assertThat(cli("subscriptions", "create", "mail", "--json").json().get("created").asBoolean())
        .as("a second create leaves it as it was").isFalse();

    CliProcess.Result list = cli("subscriptions", "list");
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("EVENT_TYPES", "PARTITIONS");
    assertThat(list.out().lines().skip(1).findFirst().orElseThrow()).matches("mail\\s+Deposited\\s+\\*\\s+-\\s+beginning\\s+4.*");

    try (PullSubscription pull = store().subscriptions().pull("mail", FAST.ackMode(io.rillflow.subscriptions.AckMode.MANUAL))) {
      List<Delivery> got = pull.poll(2, Duration.ofSeconds(30));
      assertThat(got).isNotEmpty();
      got.forEach(pull::ack);
      long done = got.get(got.size() - 1).position();
      Http.await("the acknowledgement stored", Duration.ofSeconds(30), () -> {
        pull.poll(1); // keeps the member going; what it hands out stays unacknowledged
        return store().subscriptions().groupStatus("mail", "workers").partitions().stream()
            .anyMatch(p -> p.checkpoint().position() == done);
      });

      CliProcess.Result groups = cli("subscriptions", "groups", "mail", "--json");
      assertThat(groups.exit()).as(groups.toString()).isZero();
      assertThat(groups.json().get("groups").get(0).asText()).isEqualTo("workers");

      CliProcess.Result status = cli("subscriptions", "status", "mail", "--json");
      assertThat(status.exit()).as(status.toString()).isZero();
      JsonNode group = status.json().get("groups").get(0);
      assertThat(group.get("group").asText()).isEqualTo("workers");
      assertThat(group.get("head").asLong()).isEqualTo(3);
      assertThat(group.get("position").asLong()).as("the lowest partition's: the others have seen nothing").isZero();
      assertThat(group.get("lag").asLong()).isEqualTo(3);
      assertThat(group.get("partitions")).hasSize(4);
      assertThat(group.get("members").get(0).get("memberId").asText()).isEqualTo(pull.memberId());
      JsonNode held = java.util.stream.StreamSupport.stream(group.get("partitions").spliterator(), false)
          .filter(p -> p.get("position").asLong() == done).findFirst().orElseThrow();
      assertThat(held.get("owner").asText()).isEqualTo(pull.memberId());
      assertThat(held.get("lag").asLong()).isEqualTo(3 - done);

      CliProcess.Result table = cli("subscriptions", "group-status", "mail", "--group", "workers");
      assertThat(table.exit()).as(table.toString()).isZero();
      assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("GROUP").contains("PARTITION", "LAG");
      assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
          .matches("workers\\s+\\*\\s+\\*\\s+0\\s+3\\s+3\\s+-\\s+\\d+\\s+0\\s+-");
      assertThat(table.out()).containsPattern("\\s" + done + "\\s+3\\s+" + (3 - done) + "\\s");

      CliProcess.Result bound = cli("subscriptions", "set-max-in-flight", "mail", "--group", "workers", "--value", "7");
      assertThat(bound.exit()).as(bound.toString()).isZero();
      assertThat(store().subscriptions().groupStatus("mail", "workers").maxInFlight()).isEqualTo(7);

      CliProcess.Result seek = cli("subscriptions", "seek", "mail", "--group", "workers", "--json");
      assertThat(seek.exit()).as(seek.toString()).isZero();
      assertThat(store().subscriptions().groupStatus("mail", "workers").lag()).as("back to replay").isEqualTo(3);
    }

    assertThat(cli("subscriptions", "status", "nope").exit()).isEqualTo(ExitCodes.NOT_FOUND);
    CliProcess.Result noGroup = cli("subscriptions", "seek", "mail", "--group", "nobody");
    assertThat(noGroup.exit()).as(noGroup.toString()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(noGroup.err()).contains("\"nobody\"", "workers");
    assertThat(cli("subscriptions", "create", "bad", "--start-from", "yesterday").exit()).isEqualTo(ExitCodes.USAGE);

    assertThat(cli("subscriptions", "delete", "mail").exit()).isZero();
    assertThat(store().subscriptions().find("mail")).isEmpty();
    assertThat(cli("subscriptions", "delete", "mail").exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void parkedEventsAreListedRequeuedAndDeleted() throws Exception {
    store().events().append("acc-1", ExpectedVersion.noStream(), new Deposited("a", 1), new Deposited("a", 2));
    assertThat(cli("subscriptions", "create", "failing").exit()).isZero();
    try (SubscriptionHandle handle = store().subscriptions().subscribe("failing", FAST.maxAttempts(1),
        (delivery, h) -> {
          throw new IllegalStateException("refused " + delivery.position());
        })) {
      Http.await("both events parked", Duration.ofSeconds(60),
          () -> store().subscriptions().parked("failing", "workers").size() == 2);
    }
    CliProcess.Result parked = cli("subscriptions", "parked", "failing", "--group", "workers", "--json");
    assertThat(parked.exit()).as(parked.toString()).isZero();
    JsonNode first = parked.json().get("parked").get(0);
    assertThat(first.get("streamId").asText()).isEqualTo("acc-1");
    assertThat(first.get("version").asLong()).isEqualTo(1);
    assertThat(first.get("error").asText()).contains("refused");
    long id = first.get("id").asLong();
    long second = parked.json().get("parked").get(1).get("id").asLong();

    CliProcess.Result table = cli("subscriptions", "parked", "failing", "--group", "workers");
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("ERROR");
    assertThat(table.out().lines().count()).isEqualTo(3);

    assertThat(cli("subscriptions", "requeue", Long.toString(id)).exit()).isZero();
    assertThat(store().subscriptions().parked("failing", "workers").get(0).requeued()).isTrue();
    assertThat(cli("subscriptions", "delete-parked", Long.toString(second), "--json").json().get("deleted").asLong())
        .isEqualTo(second);
    assertThat(store().subscriptions().parked("failing", "workers")).hasSize(1);
    assertThat(cli("subscriptions", "delete-parked", Long.toString(second)).exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli("subscriptions", "requeue", "999999").exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
