package io.rillflow.tests.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.subscriptions.AckMode;
import io.rillflow.subscriptions.Delivery;
import io.rillflow.subscriptions.ParkedEvent;
import io.rillflow.subscriptions.PullSubscription;
import io.rillflow.subscriptions.SubscriptionFencedException;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, parking, undecodable rows, transactional acknowledgements and fencing. */
class SubscriptionFailureTest extends RillflowTestBase {
  private static final SubscriptionOptions FAST = SubscriptionDeliveryTest.FAST.retryBackoff(Duration.ofMillis(10));
  private static final String GROUP = SubscriptionOptions.DEFAULT_GROUP;

  @BeforeEach
  void tables() {
    Effects.create(store());
  }

  @Test
  void aHandlerThatKeepsFailingHasItsEventParkedAfterItsTriesAndDeliveryGoesOnUntilItIsRequeued() {
    for (int n = 1; n <= 5; n++) {
      store().events().append("s", ExpectedVersion.any(), new Ping("s", n));
    }
    store().subscriptions().create("failing", SubscriptionFilter.allEvents());
    List<Integer> handled = new CopyOnWriteArrayList<>();
    AtomicInteger triesOfThree = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean fixed = new java.util.concurrent.atomic.AtomicBoolean();
    try (SubscriptionHandle handle = store().subscriptions().subscribe("failing", FAST, (delivery, h) -> {
      Ping ping = (Ping) delivery.event().data();
      if (ping.n() == 3 && !fixed.get()) {
        triesOfThree.incrementAndGet();
        throw new IllegalStateException("the mail server refused ping 3");
      }
      handled.add(ping.n());
    })) {
      Await.until("the rest handled", Duration.ofSeconds(30), () -> handled.size() == 4);
      Await.until("checkpoint at the head", Duration.ofSeconds(30),
          () -> store().subscriptions().groupStatus("failing", GROUP).lag() == 0);
      assertThat(handled).containsExactly(1, 2, 4, 5);
      assertThat(triesOfThree.get()).isEqualTo(3);
      List<ParkedEvent> parked = store().subscriptions().parked("failing", GROUP);
      assertThat(parked).hasSize(1);
      assertThat(parked.get(0).attempts()).isEqualTo(3);
      assertThat(parked.get(0).error()).contains("the mail server refused ping 3");
      assertThat(parked.get(0).data()).contains("\"n\": 3");
      assertThat(store().subscriptions().groupStatus("failing", GROUP).parked()).isEqualTo(1);

      fixed.set(true);
      assertThat(store().subscriptions().requeue(parked.get(0).id())).isTrue();
      Await.until("the requeued event handled", Duration.ofSeconds(30), () -> handled.size() == 5);
      Await.until("and no longer parked", Duration.ofSeconds(30),
          () -> store().subscriptions().parked("failing", GROUP).isEmpty());
    }
    assertThat(handled).containsExactly(1, 2, 4, 5, 3);
  }

  @Test
  void aRowThatNoLongerDecodesIsParkedWithItsRawJsonAndDeliveryGoesOn() throws Exception {
    store().events().append("s", ExpectedVersion.any(), new Ping("s", 1));
    try (Connection connection = store().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO \"" + store().schemaName() + "\".rf_events (stream_id, version, type,"
          + " schema_version, data) VALUES ('s', 2, 'Ping', 1, '{\"key\": \"s\", \"n\": \"not a number\"}')");
    }
    store().events().append("t", ExpectedVersion.any(), new Ping("t", 3));
    store().subscriptions().create("decoding", SubscriptionFilter.allEvents());
    try (PullSubscription pull = store().subscriptions().pull("decoding", FAST)) {
      List<Delivery> got = pull.poll(10, Duration.ofSeconds(20));
      assertThat(got).extracting(d -> ((Ping) d.event().data()).n()).containsExactly(1, 3);
    }
    List<ParkedEvent> parked = store().subscriptions().parked("decoding", GROUP);
    assertThat(parked).hasSize(1);
    assertThat(parked.get(0).version()).isEqualTo(2);
    assertThat(parked.get(0).data()).contains("not a number");
    assertThat(store().subscriptions().groupStatus("decoding", GROUP).lag()).isZero();
    assertThat(store().subscriptions().deleteParked(parked.get(0).id())).isTrue();
    assertThat(store().subscriptions().parked("decoding", GROUP)).isEmpty();
  }

  @Test
  void aTransactionalAcknowledgementRolledBackWithTheHandlersWritesRedeliversAndEachEffectHappensOnce()
      throws Exception {
    for (int n = 1; n <= 30; n++) {
      store().events().append("s" + (n % 4), ExpectedVersion.any(), new Ping("s" + (n % 4), n));
    }
    store().subscriptions().create("exactly-once", SubscriptionFilter.allEvents());
    AtomicInteger crashes = new AtomicInteger();
    SubscriptionOptions options = FAST.ackMode(AckMode.MANUAL).maxAttempts(10);
    try (SubscriptionHandle handle = store().subscriptions().subscribe("exactly-once", options, (delivery, h) -> {
      Ping ping = (Ping) delivery.event().data();
      try (Connection connection = store().dataSource().getConnection()) {
        connection.setAutoCommit(false);
        try (DocumentSession session = store().openSession(connection)) {
          Effects.record(connection, store().schemaName(), delivery.position(), ping.key(), ping.n(), "m");
          h.ack(delivery, session);
          if (ping.n() % 3 == 0 && delivery.attempt() == 1) {
            crashes.incrementAndGet();
            connection.rollback(); // dies between the handler's work and its commit
            throw new IllegalStateException("crashed before commit");
          }
          connection.commit();
        }
      }
    })) {
      Await.until("every event's effect", Duration.ofSeconds(60), () -> Effects.timesByPosition(store()).size() == 30);
      Await.until("checkpoint at the head", Duration.ofSeconds(30),
          () -> store().subscriptions().groupStatus("exactly-once", GROUP).lag() == 0);
    }
    assertThat(crashes.get()).isEqualTo(10);
    Map<Long, Long> times = Effects.timesByPosition(store());
    assertThat(times).hasSize(30);
    assertThat(times.values()).containsOnly(1L);
    assertThat(Effects.streamsInOrder(store())).isTrue();
  }

  @Test
  void aMemberFencedOffByASeekCannotMoveTheCheckpoint() throws Exception {
    store().events().append("s", ExpectedVersion.any(), new Ping("s", 1), new Ping("s", 2));
    store().subscriptions().create("fenced", SubscriptionFilter.allEvents());
    try (PullSubscription pull = store().subscriptions().pull("fenced", FAST.ackMode(AckMode.MANUAL))) {
      List<Delivery> got = pull.poll(10, Duration.ofSeconds(20));
      assertThat(got).hasSize(2);
      store().subscriptions().seek("fenced", GROUP, Checkpoint.START); // raises every partition's epoch

      try (Connection connection = store().dataSource().getConnection()) {
        connection.setAutoCommit(false);
        assertThatThrownBy(() -> pull.ack(got.get(0), connection)).isInstanceOf(SubscriptionFencedException.class);
        connection.rollback();
      }
      pull.ack(got.get(0));
      pull.ack(got.get(1));
      // Writes what it may (nothing: the epoch is gone), takes the partitions again and delivers anew.
      List<Delivery> again = pull.poll(10, Duration.ofSeconds(20));
      assertThat(store().subscriptions().groupStatus("fenced", GROUP).checkpoint()).isEqualTo(Checkpoint.START);
      assertThat(again).as("taken again at a new epoch, from the sought checkpoint").hasSize(2);
      assertThat(again.get(0).epoch()).isGreaterThan(got.get(0).epoch());
      again.forEach(pull::ack);
      // Partitions without deliveries follow the read at the next renewal (a third of the lease).
      Await.until("checkpoints at the head", Duration.ofSeconds(30), () -> {
        pull.poll(10);
        return store().subscriptions().groupStatus("fenced", GROUP).lag() == 0;
      });
    }
  }
}
