package io.rillflow.tests.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.GroupStatus;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.SubscriptionStart;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Subscriptions deliver in global order below the safe point, filtered, with their metadata; pull and push. */
class SubscriptionDeliveryTest extends RillflowTestBase {
  static final SubscriptionOptions FAST = SubscriptionOptions.defaults().pollInterval(Duration.ofMillis(50))
      .leaseDuration(Duration.ofSeconds(3)).batchSize(50);

  private Subscriptions subscriptions() {
    return store().subscriptions();
  }

  @Test
  void pushDeliversEveryEventOnceInGlobalOrderAndTheCheckpointReachesTheHead() {
    for (int n = 1; n <= 40; n++) {
      for (String stream : List.of("a", "b", "c", "d", "e")) {
        store().events().append(stream, ExpectedVersion.any(), new Ping(stream, n));
      }
    }
    subscriptions().create("all", SubscriptionFilter.allEvents());
    List<Delivery> seen = new CopyOnWriteArrayList<>();
    try (SubscriptionHandle handle = subscriptions().subscribe("all", FAST, (delivery, h) -> seen.add(delivery))) {
      Await.until("200 delivered", Duration.ofSeconds(30), () -> seen.size() >= 200);
      Await.until("checkpoints at the head", Duration.ofSeconds(30),
          () -> subscriptions().groupStatus("all", SubscriptionOptions.DEFAULT_GROUP).lag() == 0);
    }
    assertThat(seen).hasSize(200);
    assertThat(seen).extracting(Delivery::position).isSorted().doesNotHaveDuplicates();
    GroupStatus status = subscriptions().groupStatus("all", SubscriptionOptions.DEFAULT_GROUP);
    assertThat(status.partitions()).hasSize(Subscriptions.DEFAULT_PARTITIONS);
    assertThat(status.members()).as("the member left when closed").isEmpty();
  }

  @Test
  void anEventCommittedLateIsNeverPassedAndComesFirst() throws Exception {
    subscriptions().create("late", SubscriptionFilter.allEvents());
    List<Delivery> seen = new CopyOnWriteArrayList<>();
    try (Connection writerA = store().dataSource().getConnection();
        SubscriptionHandle handle = subscriptions().subscribe("late", FAST, (delivery, h) -> seen.add(delivery))) {
      writerA.setAutoCommit(false);
      try (Statement statement = writerA.createStatement()) {
        statement.execute("INSERT INTO \"" + store().schemaName() + "\".rf_events (stream_id, version, type,"
            + " schema_version, data) VALUES ('a', 1, 'Ping', 1, '{\"key\": \"a\", \"n\": 1}')");
      }
      store().events().append("b", ExpectedVersion.noStream(), new Ping("b", 1));
      store().events().append("c", ExpectedVersion.noStream(), new Ping("c", 1));
      Await.until("the member holds its partitions", Duration.ofSeconds(10),
          () -> subscriptions().groupStatus("late", SubscriptionOptions.DEFAULT_GROUP).members().size() == 1);
      Thread.sleep(300); // several poll intervals: long enough for a delivery that should not happen
      assertThat(seen).as("nothing passes the open transaction's event").isEmpty();
      writerA.commit();
      Await.until("three delivered", Duration.ofSeconds(30), () -> seen.size() == 3);
    }
    assertThat(seen).extracting(d -> d.event().streamId()).containsExactly("a", "b", "c");
  }

  @Test
  void aFilterDeliversItsTypesOnlyAndStartingNowSkipsWhatWasStored() {
    store().events().append("old", ExpectedVersion.any(), new Ping("old", 1));
    subscriptions().create("pings", SubscriptionFilter.allEvents().eventTypes("Ping").startAt(SubscriptionStart.now()));
    store().events().append("new", ExpectedVersion.any(), new Pong("new"), new Ping("new", 1), new Pong("new"),
        new Ping("new", 2));
    try (PullSubscription pull = subscriptions().pull("pings", FAST)) {
      List<Delivery> got = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (got.size() < 2 && System.nanoTime() < deadline) {
        got.addAll(pull.poll(10, Duration.ofMillis(200)));
      }
      assertThat(got).extracting(d -> ((Ping) d.event().data()).n()).containsExactly(1, 2);
      assertThat(got).allMatch(d -> d.event().streamId().equals("new"));
    }
  }

  @Test
  void aStreamTypeFilterDeliversThoseStreamsOnly() {
    subscriptions().create("orders", SubscriptionFilter.allEvents().streamTypes("order"));
    store().events().append("o-1", ExpectedVersion.any(), AppendOptions.builder().streamType("order").build(),
        new Ping("o-1", 1));
    store().events().append("c-1", ExpectedVersion.any(), AppendOptions.builder().streamType("customer").build(),
        new Ping("c-1", 1));
    store().events().append("o-2", ExpectedVersion.any(), AppendOptions.builder().streamType("order").build(),
        new Ping("o-2", 1));
    try (PullSubscription pull = subscriptions().pull("orders", FAST)) {
      List<Delivery> got = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (got.size() < 2 && System.nanoTime() < deadline) {
        got.addAll(pull.poll(10, Duration.ofMillis(200)));
      }
      assertThat(got).extracting(d -> d.event().streamId()).containsExactly("o-1", "o-2");
    }
  }

  @Test
  void theCorrelationIdAndTraceparentTravelWithTheDelivery() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    store().events().append("t", ExpectedVersion.any(),
        AppendOptions.NONE.withCorrelationId("order-42").withHeader(Delivery.TRACEPARENT, traceparent),
        new Ping("t", 1));
    subscriptions().create("traced", SubscriptionFilter.allEvents());
    try (PullSubscription pull = subscriptions().pull("traced", FAST)) {
      List<Delivery> got = pull.poll(10, Duration.ofSeconds(20));
      assertThat(got).hasSize(1);
      assertThat(got.get(0).correlationId()).isEqualTo("order-42");
      assertThat(got.get(0).traceparent()).isEqualTo(traceparent);
      assertThat(got.get(0).id()).isEqualTo(Long.toString(got.get(0).position()));
      assertThat(got.get(0).json()).contains("\"n\"");
    }
  }

  @Test
  void manualDeliveriesNotAcknowledgedInTimeComeAgainAndAcknowledgedOnesMoveTheCheckpoint() {
    store().events().append("m", ExpectedVersion.any(), new Ping("m", 1), new Ping("m", 2));
    subscriptions().create("manual", SubscriptionFilter.allEvents());
    SubscriptionOptions options = FAST.ackMode(AckMode.MANUAL).visibilityTimeout(Duration.ofMillis(300))
        .maxAttempts(5);
    try (PullSubscription pull = subscriptions().pull("manual", options)) {
      List<Delivery> first = pull.poll(10, Duration.ofSeconds(20));
      assertThat(first).hasSize(2).allMatch(d -> d.attempt() == 1);
      List<Delivery> again = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (again.size() < 2 && System.nanoTime() < deadline) {
        again.addAll(pull.poll(10, Duration.ofMillis(200)));
      }
      assertThat(again).extracting(Delivery::position).containsExactlyElementsOf(
          first.stream().map(Delivery::position).toList());
      assertThat(again.get(0).attempt()).isEqualTo(2);
      again.forEach(pull::ack);
      assertThat(pull.poll(10, Duration.ofMillis(100))).isEmpty();
    }
    assertThat(subscriptions().groupStatus("manual", SubscriptionOptions.DEFAULT_GROUP).lag()).isZero();
  }

  @Test
  void backpressureHandsOutNoMoreThanMaxInFlightAndLosesNothing() {
    for (int n = 1; n <= 30; n++) {
      store().events().append("bp", ExpectedVersion.any(), new Ping("bp", n));
    }
    subscriptions().create("bounded", SubscriptionFilter.allEvents());
    try (PullSubscription pull = subscriptions().pull("bounded", FAST.ackMode(AckMode.MANUAL).maxInFlight(7))) {
      List<Delivery> got = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (got.size() < 30 && System.nanoTime() < deadline) {
        List<Delivery> batch = pull.poll(100, Duration.ofMillis(200));
        assertThat(batch.size()).isLessThanOrEqualTo(7);
        got.addAll(batch);
        batch.forEach(pull::ack);
      }
      assertThat(got).extracting(d -> ((Ping) d.event().data()).n())
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList());
    }
    assertThat(subscriptions().groupStatus("bounded", SubscriptionOptions.DEFAULT_GROUP).maxInFlight()).isEqualTo(7);
  }
}
