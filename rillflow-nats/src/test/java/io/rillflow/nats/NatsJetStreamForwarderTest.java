package io.rillflow.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.forwarding.ForwardedHeaders;
import io.rillflow.forwarding.Forwarder;
import io.rillflow.forwarding.ForwarderSettings;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.DocumentStore;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JetStream forwarder against a real NATS server: every event stored in the stream across
 * connections a proxy cuts mid-run and across a forwarder closed and replaced, each exactly once
 * (Nats-Msg-Id de-duplication) under its position as id, each stream in order, metadata as headers.
 */
class NatsJetStreamForwarderTest extends RillflowTestBase {
  private static final int STREAMS = 100;
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final String stream = "rft-" + UUID.randomUUID().toString().replace("-", "");
  private Connection admin;
  private JetStreamManagement management;

  /** One stored message as the stream holds it. */
  record Stored(long sequence, String id, String eventStream, long version, String body, Map<String, String> headers) {}

  @BeforeAll
  static void server() {
    NatsServer.assumeAnswering();
  }

  @BeforeEach
  void createStream() throws Exception {
    admin = NatsServer.connect("rillflow-test-admin");
    management = admin.jetStreamManagement();
    management.addStream(StreamConfiguration.builder().name(stream).subjects(stream + ".>")
        .storageType(StorageType.Memory).duplicateWindow(Duration.ofMinutes(5)).build());
  }

  @AfterEach
  void deleteStream() throws Exception {
    management.deleteStream(stream);
    admin.close();
  }

  private void appendEvents(int rounds, int perRound, Duration pause) throws InterruptedException {
    for (int round = 0; round < rounds; round++) {
      for (int s = 0; s < STREAMS; s++) {
        String order = "order-" + s;
        AppendOptions options = AppendOptions.builder().correlationId("corr-" + s).header("traceparent", TRACEPARENT)
            .header("tenant-hint", "eu").build();
        int first = round * perRound + 1;
        List<Shipped> events = IntStream.range(first, first + perRound).mapToObj(n -> new Shipped(order, n)).toList();
        store().events().append(order, ExpectedVersion.any(), options, events);
        Thread.sleep(pause.toMillis());
      }
    }
  }

  private List<Long> positions() {
    return store().events().scanAll(Checkpoint.START).map(event -> event.position()).toList();
  }

  private long storedCount() {
    try {
      return management.getStreamInfo(stream).getStreamState().getMsgCount();
    } catch (IOException | JetStreamApiException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Stored> stored() throws Exception {
    long last = management.getStreamInfo(stream).getStreamState().getLastSequence();
    List<Stored> all = new ArrayList<>();
    for (long sequence = 1; sequence <= last; sequence++) {
      MessageInfo message = management.getMessage(stream, sequence);
      Map<String, String> headers = new HashMap<>();
      message.getHeaders().entrySet().forEach(entry -> headers.put(entry.getKey(), entry.getValue().get(0)));
      all.add(new Stored(sequence, headers.get("Nats-Msg-Id"), headers.get(ForwardedHeaders.STREAM),
          Long.parseLong(headers.get(ForwardedHeaders.VERSION)), new String(message.getData(), StandardCharsets.UTF_8),
          headers));
    }
    return all;
  }

  private NatsJetStreamForwarder forwarder(int port) {
    return NatsJetStreamForwarder.builder()
        .server("nats://127.0.0.1:" + port)
        .subject(delivery -> stream + ".orders." + delivery.event().type())
        .ackTimeout(Duration.ofSeconds(5))
        .connectTimeout(Duration.ofSeconds(2))
        .forwarding(ForwarderSettings.defaults().batchSize(200)
            .member(SubscriptionOptions.defaults().group(ForwarderSettings.DEFAULT_GROUP)
                .leaseDuration(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)))
            .reconnectBackoff(Duration.ofMillis(50)).maxReconnectBackoff(Duration.ofSeconds(1)))
        .build();
  }

  @Test
  void tenThousandEventsAreStoredOnceAcrossConnectionsCutMidRun() throws Exception {
    store().subscriptions().create("to-nats", SubscriptionFilter.allEvents());
    appendEvents(2, 5, Duration.ZERO);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    long started = System.nanoTime();
    int cuts = 0;
    try (TcpProxy proxy = new TcpProxy(NatsServer.HOST, NatsServer.PORT);
        Forwarder forwarder = forwarder(proxy.port()).start(store(), "to-nats")) {
      Future<?> writing = writer.submit(() -> {
        appendEvents(18, 5, Duration.ofMillis(2));
        return null;
      });
      for (int threshold : new int[] {1_500, 4_000}) {
        Await.until(threshold + " stored", Duration.ofSeconds(120), () -> storedCount() >= threshold);
        cuts += proxy.cutAll();
        int expected = cuts;
        Await.until("the forwarder saw cut " + cuts, Duration.ofSeconds(60),
            () -> forwarder.brokerFailures() >= expected || writing.isDone());
      }
      writing.get();
      Await.until("every event stored", Duration.ofSeconds(180), () -> storedCount() >= 10_000);
      Await.until("the checkpoint at the head", Duration.ofSeconds(60),
          () -> store().subscriptions().groupStatus("to-nats", ForwarderSettings.DEFAULT_GROUP).lag() == 0);
      assertThat(cuts).as("connections cut").isGreaterThanOrEqualTo(1);
      assertThat(forwarder.brokerFailures()).as("links the forwarder replaced").isGreaterThanOrEqualTo(1);
      System.out.printf("NATS JetStream: 10000 events forwarded in %d ms with %d connections cut, %d acknowledged%n",
          Duration.ofNanos(System.nanoTime() - started).toMillis(), cuts, forwarder.forwarded());
    } finally {
      writer.shutdownNow();
    }

    List<Long> positions = positions();
    assertThat(positions).hasSize(10_000);
    List<Stored> stored = assertEveryEventStoredOnceInStreamOrder(positions);
    Stored one = stored.get(0);
    assertThat(one.headers()).containsEntry("traceparent", TRACEPARENT).containsEntry("tenant-hint", "eu")
        .containsEntry(ForwardedHeaders.CORRELATION_ID, "corr-0").containsEntry(ForwardedHeaders.TYPE, "Shipped")
        .containsEntry(ForwardedHeaders.POSITION, one.id()).containsEntry(ForwardedHeaders.SUBSCRIPTION, "to-nats");
    assertThat(one.body()).contains("order-0");
  }

  @Test
  void aClosedForwarderIsFollowedByOneThatResumesFromTheCheckpoint() throws Exception {
    store().subscriptions().create("resume", SubscriptionFilter.allEvents());
    appendEvents(6, 5, Duration.ZERO);
    List<Long> positions = positions();

    try (Forwarder first = forwarder(NatsServer.PORT).start(store(), "resume")) {
      Await.until("some stored", Duration.ofSeconds(60), () -> storedCount() >= 500);
    }
    try (Forwarder second = forwarder(NatsServer.PORT).start(store(), "resume")) {
      Await.until("every event stored", Duration.ofSeconds(120), () -> storedCount() >= positions.size());
      Await.until("the checkpoint at the head", Duration.ofSeconds(60),
          () -> store().subscriptions().groupStatus("resume", ForwarderSettings.DEFAULT_GROUP).lag() == 0);
    }
    assertEveryEventStoredOnceInStreamOrder(positions);
  }

  @Test
  void forwardersOfTwoConjoinedTenantsShipOnlyTheirTenantsEvents() throws Exception {
    TestSchema schema = TestSchema.create(TestDatabase.shared(), getClass());
    try (DocumentStore conjoined = schema.storeBuilder().tenancy(Tenancy.conjoined()).build()) {
      Map<String, List<String>> positions = new HashMap<>();
      for (String tenant : List.of("acme", "globex")) {
        conjoined.tenants().ensure(tenant);
        DocumentStore store = conjoined.forTenant(tenant);
        // The same subscription name and the same stream ids in both tenants.
        store.subscriptions().create("out", SubscriptionFilter.allEvents());
        for (int s = 0; s < 10; s++) {
          store.events().append("order-" + s, ExpectedVersion.noStream(), new Shipped("order-" + s, 1),
              new Shipped("order-" + s, 2));
        }
        positions.put(tenant, store.events().scanAll(Checkpoint.START).map(e -> String.valueOf(e.position())).toList());
      }
      List<Forwarder> forwarders = new ArrayList<>();
      try {
        for (String tenant : List.of("acme", "globex")) {
          forwarders.add(NatsJetStreamForwarder.builder().server(NatsServer.URL)
              .subject(delivery -> stream + "." + tenant + ".orders").ackTimeout(Duration.ofSeconds(5))
              .build().start(conjoined.forTenant(tenant), "out"));
        }
        Await.until("both tenants' events stored", Duration.ofSeconds(60), () -> storedCount() >= 40);
        Thread.sleep(500); // room for anything more, which would be a leak
      } finally {
        forwarders.forEach(Forwarder::close);
      }
      Map<String, List<String>> shipped = new HashMap<>();
      long last = management.getStreamInfo(stream).getStreamState().getLastSequence();
      for (long sequence = 1; sequence <= last; sequence++) {
        MessageInfo message = management.getMessage(stream, sequence);
        shipped.computeIfAbsent(message.getSubject().split("\\.")[1], t -> new ArrayList<>())
            .add(message.getHeaders().getFirst("Nats-Msg-Id"));
      }
      assertThat(shipped.get("acme")).as("acme's forwarder shipped acme's events, none of globex's")
          .containsExactlyInAnyOrderElementsOf(positions.get("acme"));
      assertThat(shipped.get("globex")).containsExactlyInAnyOrderElementsOf(positions.get("globex"));
    } finally {
      schema.drop();
    }
  }

  private List<Stored> assertEveryEventStoredOnceInStreamOrder(List<Long> positions) throws Exception {
    List<Stored> stored = stored();
    assertThat(stored).extracting(Stored::id)
        .as("JetStream keeps one message per Nats-Msg-Id: every event, none twice")
        .containsExactlyInAnyOrderElementsOf(positions.stream().map(String::valueOf).toList());
    Map<String, Long> lastVersion = new HashMap<>();
    for (Stored message : stored) {
      long previous = lastVersion.getOrDefault(message.eventStream(), 0L);
      assertThat(message.version()).as("stream " + message.eventStream() + " in order").isEqualTo(previous + 1);
      lastVersion.put(message.eventStream(), message.version());
    }
    return stored;
  }
}
