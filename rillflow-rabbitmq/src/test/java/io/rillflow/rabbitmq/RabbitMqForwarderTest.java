package io.rillflow.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.forwarding.ForwardedHeaders;
import io.rillflow.forwarding.Forwarder;
import io.rillflow.forwarding.ForwarderSettings;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.test.ChildJvm;
import io.rillflow.DocumentStore;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RabbitMQ forwarder against a real broker: every event arrives at least once across connections
 * the broker closes mid-run and across a forwarder closed and replaced, repeats carry the same id and
 * body, each stream arrives in order once repeats are dropped, metadata travels as headers.
 */
class RabbitMqForwarderTest extends RillflowTestBase {
  private static final int STREAMS = 100;
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final String exchange = "rf-test-" + UUID.randomUUID();
  private final String queue = exchange + "-q";
  private Connection consumerConnection;
  private final List<Received> arrivals = new CopyOnWriteArrayList<>();
  private final Map<String, Received> firstById = new ConcurrentHashMap<>();
  /** The routing keys each message id arrived with. */
  private final Map<String, List<String>> routingKeysById = new ConcurrentHashMap<>();

  /** One message as the consumer got it. */
  record Received(String id, String stream, long version, String body, Map<String, String> headers,
      String type, String correlationId) {}

  @BeforeAll
  static void broker() {
    RabbitMqBroker.assumeAnswering();
  }

  @BeforeEach
  void bindQueue() throws Exception {
    consumerConnection = RabbitMqBroker.factory().newConnection("rillflow-test-consumer");
    Channel channel = consumerConnection.createChannel();
    channel.exchangeDeclare(exchange, "topic", false, true, null);
    channel.queueDeclare(queue, false, false, true, null);
    channel.queueBind(queue, exchange, "#");
    channel.basicQos(1000);
    channel.basicConsume(queue, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
          throws java.io.IOException {
        Map<String, String> headers = new HashMap<>();
        properties.getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
        Received received = new Received(properties.getMessageId(), headers.get(ForwardedHeaders.STREAM),
            Long.parseLong(headers.get(ForwardedHeaders.VERSION)), new String(body, StandardCharsets.UTF_8), headers,
            properties.getType(), properties.getCorrelationId());
        arrivals.add(received);
        firstById.putIfAbsent(received.id(), received);
        routingKeysById.computeIfAbsent(received.id(), id -> new CopyOnWriteArrayList<>()).add(envelope.getRoutingKey());
        getChannel().basicAck(envelope.getDeliveryTag(), false);
      }
    });
  }

  @AfterEach
  void deleteQueue() throws Exception {
    try (Channel channel = consumerConnection.createChannel()) {
      channel.queueDelete(queue);
      channel.exchangeDelete(exchange);
    }
    consumerConnection.close();
  }

  /** Appends {@code rounds} rounds of {@code perRound} events to each of the streams, pausing between appends. */
  private void appendEvents(int rounds, int perRound, Duration pause) throws InterruptedException {
    for (int round = 0; round < rounds; round++) {
      for (int s = 0; s < STREAMS; s++) {
        String order = "order-" + s;
        AppendOptions options = AppendOptions.builder().correlationId("corr-" + s).header("traceparent", TRACEPARENT)
            .header("tenant-hint", "eu").streamType("order").build();
        int first = round * perRound + 1;
        List<Shipped> events = IntStream.range(first, first + perRound).mapToObj(n -> new Shipped(order, n)).toList();
        appendSurvivingKilledConnections(order, options, events);
        Thread.sleep(pause.toMillis());
      }
    }
  }

  /**
   * theStoresConnectionsKilledMidRunLoseNothing terminates every pooled connection of the store, this
   * writer's too: each dead connection fails one append before the pool drops it, so the writer tries
   * again up to once per pooled connection and once more (should a failed try have committed, the stream
   * gets a second copy: the assertions read what the store holds).
   */
  private void appendSurvivingKilledConnections(String order, AppendOptions options, List<Shipped> events) {
    for (int attempt = 1; ; attempt++) {
      try {
        store().events().append(order, ExpectedVersion.any(), options, events);
        return;
      } catch (RuntimeException killed) {
        if (attempt > 5) {
          throw killed;
        }
      }
    }
  }

  private List<Long> positions() {
    return store().events().scanAll(Checkpoint.START).map(event -> event.position()).toList();
  }

  private RabbitMqForwarder forwarder(String connectionName) {
    return forwarder(exchange, connectionName);
  }

  /** The tests' forwarder (lease 3 s), also run by {@link ForwarderMain} in a JVM of its own. */
  static RabbitMqForwarder forwarder(String exchange, String connectionName) {
    return RabbitMqForwarder.builder()
        .host(RabbitMqBroker.HOST).port(RabbitMqBroker.PORT)
        .connectionName(connectionName)
        .exchange(exchange)
        .routingKey(delivery -> "order." + delivery.event().type())
        .ackTimeout(Duration.ofSeconds(10))
        .forwarding(ForwarderSettings.defaults().batchSize(200)
            .member(SubscriptionOptions.defaults().group(ForwarderSettings.DEFAULT_GROUP)
                .leaseDuration(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)))
            .reconnectBackoff(Duration.ofMillis(50)).maxReconnectBackoff(Duration.ofSeconds(1)))
        .build();
  }

  @Test
  void tenThousandEventsArriveAcrossConnectionsTheBrokerClosesMidRun() throws Exception {
    assumeTrue(RabbitMqBroker.controllable(), "rabbitmqctl is not on the PATH or cannot reach the node: "
        + "this test closes the forwarder's connection from the broker's side with it");
    store().subscriptions().create("to-rabbit", SubscriptionFilter.allEvents());
    appendEvents(2, 5, Duration.ZERO);
    String connectionName = "rf-forwarder-" + UUID.randomUUID();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    long started = System.nanoTime();
    try (Forwarder forwarder = forwarder(connectionName).start(store(), "to-rabbit")) {
      // The writers go on while the broker cuts the forwarder's connection, so it publishes on a dead link.
      Future<?> writing = writer.submit(() -> {
        appendEvents(18, 5, Duration.ofMillis(2));
        return null;
      });
      int cuts = 0;
      for (int threshold : new int[] {1_500, 4_000}) {
        Await.until(threshold + " arrived", Duration.ofSeconds(120), () -> firstById.size() >= threshold);
        cuts += RabbitMqBroker.closeConnectionsNamed(connectionName);
        int expected = cuts;
        Await.until("the forwarder saw cut " + cuts, Duration.ofSeconds(60),
            () -> forwarder.brokerFailures() >= expected || writing.isDone());
      }
      writing.get();
      List<Long> positions = positions();
      assertThat(positions).hasSize(10_000);
      Await.until("every event arrived", Duration.ofSeconds(180), () -> firstById.size() >= positions.size());
      Await.until("the checkpoint at the head", Duration.ofSeconds(60),
          () -> store().subscriptions().groupStatus("to-rabbit", ForwarderSettings.DEFAULT_GROUP).lag() == 0);
      assertThat(cuts).as("connections the broker closed").isGreaterThanOrEqualTo(1);
      assertThat(forwarder.brokerFailures()).as("links the forwarder replaced").isGreaterThanOrEqualTo(1);
      System.out.printf("RabbitMQ: 10000 events forwarded in %d ms with %d connections cut, %d messages received%n",
          Duration.ofNanos(System.nanoTime() - started).toMillis(), cuts, arrivals.size());
    } finally {
      writer.shutdownNow();
    }

    List<Long> positions = positions();
    assertEveryEventOnceAtLeastSameIdsInStreamOrder(positions);
    Received one = firstById.get(Long.toString(positions.get(0)));
    assertThat(one.type()).isEqualTo("Shipped");
    assertThat(one.correlationId()).isEqualTo("corr-0");
    assertThat(one.headers()).containsEntry("traceparent", TRACEPARENT).containsEntry("tenant-hint", "eu")
        .containsEntry(ForwardedHeaders.CORRELATION_ID, "corr-0").containsEntry(ForwardedHeaders.TYPE, "Shipped")
        .containsEntry(ForwardedHeaders.POSITION, one.id()).containsEntry(ForwardedHeaders.SUBSCRIPTION, "to-rabbit");
    assertThat(one.body()).contains("\"order\"").contains("order-0");
  }

  @Test
  void aClosedForwarderIsFollowedByOneThatResumesFromTheCheckpoint() throws Exception {
    store().subscriptions().create("resume", SubscriptionFilter.allEvents());
    appendEvents(6, 5, Duration.ZERO);
    List<Long> positions = positions();

    try (Forwarder first = forwarder("rf-first-" + UUID.randomUUID()).start(store(), "resume")) {
      Await.until("some arrived", Duration.ofSeconds(60), () -> firstById.size() >= 500);
    }
    int beforeSecond = arrivals.size();
    assertThat(beforeSecond).as("the first stopped before the end").isLessThan(positions.size() + 1_000);
    try (Forwarder second = forwarder("rf-second-" + UUID.randomUUID()).start(store(), "resume")) {
      Await.until("every event arrived", Duration.ofSeconds(120), () -> firstById.size() >= positions.size());
      Await.until("the checkpoint at the head", Duration.ofSeconds(60),
          () -> store().subscriptions().groupStatus("resume", ForwarderSettings.DEFAULT_GROUP).lag() == 0);
    }
    assertEveryEventOnceAtLeastSameIdsInStreamOrder(positions);
    long resent = arrivals.subList(beforeSecond, arrivals.size()).stream()
        .filter(received -> arrivals.subList(0, beforeSecond).stream().anyMatch(r -> r.id().equals(received.id())))
        .count();
    assertThat(resent).as("the second forwarder starts at the checkpoint, repeating at most one batch per partition")
        .isLessThanOrEqualTo(200L * 16);
  }

  @Test
  void twoForwardersOfOneGroupShareTheWorkAndKeepEachStreamInOrder() throws Exception {
    store().subscriptions().create("racing", SubscriptionFilter.allEvents());
    appendEvents(4, 5, Duration.ZERO);
    List<Long> positions = positions();
    try (Forwarder one = forwarder("rf-one-" + UUID.randomUUID()).start(store(), "racing");
        Forwarder two = forwarder("rf-two-" + UUID.randomUUID()).start(store(), "racing")) {
      Await.until("every event arrived", Duration.ofSeconds(120), () -> firstById.size() >= positions.size());
      Await.until("the checkpoint at the head", Duration.ofSeconds(60),
          () -> store().subscriptions().groupStatus("racing", ForwarderSettings.DEFAULT_GROUP).lag() == 0);
      assertThat(one.forwarded() + two.forwarded()).isGreaterThanOrEqualTo(positions.size());
    }
    assertEveryEventOnceAtLeastSameIdsInStreamOrder(positions);
  }

  @Test
  void theStoresConnectionsKilledMidRunLoseNothing() throws Exception {
    store().subscriptions().create("killed-db", SubscriptionFilter.allEvents());
    appendEvents(2, 5, Duration.ZERO);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (Forwarder forwarder = forwarder("rf-db-" + UUID.randomUUID()).start(store(), "killed-db")) {
      Future<?> writing = writer.submit(() -> {
        appendEvents(8, 5, Duration.ofMillis(2));
        return null;
      });
      int killed = 0;
      for (int threshold : new int[] {1_500, 3_000}) {
        Await.until(threshold + " arrived", Duration.ofSeconds(120), () -> {
          if (writing.isDone()) {
            writing.get(); // a writer that gave up fails the test with its own error, not as a timeout
          }
          return firstById.size() >= threshold;
        });
        killed += terminateTheStoresBackends();
      }
      writing.get();
      List<Long> positions = positions();
      Await.until("every event arrived", Duration.ofSeconds(180), () -> firstById.size() >= positions.size());
      Await.until("the checkpoint at the head", Duration.ofSeconds(60),
          () -> store().subscriptions().groupStatus("killed-db", ForwarderSettings.DEFAULT_GROUP).lag() == 0);
      assertThat(killed).as("backends terminated").isPositive();
    } finally {
      writer.shutdownNow();
    }
    assertEveryEventOnceAtLeastSameIdsInStreamOrder(positions());
  }

  /** pg_terminate_backend on this test's store's other connections (found by its schema in their SQL). */
  private int terminateTheStoresBackends() throws Exception {
    try (java.sql.Connection connection = store().dataSource().getConnection();
        java.sql.PreparedStatement kill = connection.prepareStatement("SELECT count(pg_terminate_backend(pid)) "
            + "FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() "
            + "AND query LIKE '%' || ? || '%'")) {
      kill.setString(1, store().schemaName());
      try (java.sql.ResultSet row = kill.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  @Test
  void aForwarderProcessKilledWithSigkillIsReplacedFromTheCheckpoint() throws Exception {
    store().subscriptions().create("killed", SubscriptionFilter.allEvents());
    appendEvents(10, 5, Duration.ZERO);
    List<Long> positions = positions();
    try (ChildJvm child = ChildJvm.start(ForwarderMain.class, store(), "killed", exchange)) {
      Await.until("the child forwarded some", Duration.ofSeconds(120), () -> firstById.size() >= 1_000);
    } // SIGKILL: its partitions stay leased until the lease runs out
    int beforeTakeover = arrivals.size();
    assertThat(firstById.size()).as("the child was killed before the end").isLessThan(positions.size());
    try (Forwarder next = forwarder("rf-next-" + UUID.randomUUID()).start(store(), "killed")) {
      Await.until("every event arrived", Duration.ofSeconds(120), () -> firstById.size() >= positions.size());
      Await.until("the checkpoint at the head", Duration.ofSeconds(60),
          () -> store().subscriptions().groupStatus("killed", ForwarderSettings.DEFAULT_GROUP).lag() == 0);
    }
    assertEveryEventOnceAtLeastSameIdsInStreamOrder(positions);
    System.out.printf("SIGKILL: %d arrived before, %d after, %d repeats%n", beforeTakeover,
        arrivals.size() - beforeTakeover, arrivals.size() - positions.size());
  }

  @Test
  void aFrozenForwarderProcessResumedAfterItsPartitionsMovedCannotMoveTheCheckpoint() throws Exception {
    store().subscriptions().create("frozen", SubscriptionFilter.allEvents());
    appendEvents(10, 5, Duration.ZERO);
    List<Long> positions = positions();
    try (ChildJvm child = ChildJvm.start(ForwarderMain.class, store(), "frozen", exchange)) {
      Await.until("the child forwarded some", Duration.ofSeconds(120), () -> firstById.size() >= 1_000);
      child.stop();
      try (Forwarder next = forwarder("rf-next-" + UUID.randomUUID()).start(store(), "frozen")) {
        Await.until("every event arrived", Duration.ofSeconds(120), () -> firstById.size() >= positions.size());
        Await.until("the checkpoint at the head", Duration.ofSeconds(60),
            () -> store().subscriptions().groupStatus("frozen", ForwarderSettings.DEFAULT_GROUP).lag() == 0);
        child.resume();
        // The resumed child finishes what it was publishing and tries to acknowledge it: fenced by the
        // epoch, its acknowledgements move nothing. Give it a lease's time to try.
        Thread.sleep(Duration.ofSeconds(4).toMillis());
        assertThat(child.isAlive()).as("the resumed child runs on").isTrue();
        assertThat(store().subscriptions().groupStatus("frozen", ForwarderSettings.DEFAULT_GROUP).lag())
            .as("the checkpoints stay at the head").isZero();
      }
    }
    assertEveryEventOnceAtLeastSameIdsInStreamOrder(positions);
  }

  @Test
  void forwardersOfTwoConjoinedTenantsSendOnlyTheirTenantsEvents() throws Exception {
    TestSchema schema = TestSchema.create(TestDatabase.shared(), getClass());
    try (DocumentStore conjoined = schema.storeBuilder().tenancy(Tenancy.conjoined()).build()) {
      Map<String, Set<String>> positions = new HashMap<>();
      for (String tenant : List.of("acme", "globex")) {
        conjoined.tenants().ensure(tenant);
        DocumentStore store = conjoined.forTenant(tenant);
        // The same subscription name and the same stream ids in both tenants.
        store.subscriptions().create("out", SubscriptionFilter.allEvents());
        for (int s = 0; s < 10; s++) {
          store.events().append("order-" + s, ExpectedVersion.noStream(), new Shipped("order-" + s, 1),
              new Shipped("order-" + s, 2));
        }
        positions.put(tenant, store.events().scanAll(Checkpoint.START).map(e -> String.valueOf(e.position()))
            .collect(java.util.stream.Collectors.toSet()));
      }
      List<Forwarder> forwarders = new ArrayList<>();
      try {
        for (String tenant : List.of("acme", "globex")) {
          forwarders.add(RabbitMqForwarder.builder().host(RabbitMqBroker.HOST).port(RabbitMqBroker.PORT)
              .connectionName("rf-" + tenant + "-" + UUID.randomUUID()).exchange(exchange)
              .routingKey(delivery -> tenant + ".order").ackTimeout(Duration.ofSeconds(10))
              .build().start(conjoined.forTenant(tenant), "out"));
        }
        Await.until("both tenants' events arrived", Duration.ofSeconds(60), () -> firstById.size() >= 40);
        Thread.sleep(500); // room for anything more, which would be a leak
      } finally {
        forwarders.forEach(Forwarder::close);
      }
      for (String tenant : List.of("acme", "globex")) {
        Set<String> sent = routingKeysById.entrySet().stream()
            .filter(e -> e.getValue().stream().allMatch(key -> key.startsWith(tenant + ".")))
            .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
        assertThat(sent).as(tenant + "'s forwarder sent exactly " + tenant + "'s events").isEqualTo(positions.get(tenant));
      }
      assertThat(routingKeysById).hasSize(40);
    } finally {
      schema.drop();
    }
  }

  private void assertEveryEventOnceAtLeastSameIdsInStreamOrder(List<Long> positions) {
    assertThat(firstById.keySet()).containsExactlyInAnyOrderElementsOf(positions.stream().map(String::valueOf).toList());
    for (Received received : arrivals) {
      Received first = firstById.get(received.id());
      assertThat(received.body()).as("a repeat of " + received.id()).isEqualTo(first.body());
      assertThat(received.headers()).as("a repeat of " + received.id()).isEqualTo(first.headers());
    }
    Map<String, Long> lastVersion = new HashMap<>();
    for (Received received : arrivals) {
      if (firstById.get(received.id()) != received) {
        continue; // a repeat, dropped by id as a consumer would
      }
      long previous = lastVersion.getOrDefault(received.stream(), 0L);
      assertThat(received.version()).as("stream " + received.stream() + " in order").isEqualTo(previous + 1);
      lastVersion.put(received.stream(), received.version());
    }
  }
}
