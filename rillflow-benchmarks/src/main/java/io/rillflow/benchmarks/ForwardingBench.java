package io.rillflow.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.rillflow.DocumentStore;
import io.rillflow.forwarding.Forwarder;
import io.rillflow.forwarding.ForwarderSettings;
import io.rillflow.nats.NatsJetStreamForwarder;
import io.rillflow.rabbitmq.RabbitMqForwarder;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forwarding {@code events} stored events to a broker, from a fresh subscription until the broker
 * confirmed them all: Rillflow's forwarders (a pulled subscription member, a batch published and
 * confirmed, then acknowledged) against a raw loop doing the same work by hand (the safe point, a
 * batch of rows below it in global order, publish with the message id and headers, wait for the
 * confirms, write the checkpoint). RabbitMQ at 127.0.0.1:5672 (guest/guest, publisher confirms, one
 * durable-less queue bound) and NATS JetStream at 127.0.0.1:4222 (a memory stream, recreated for each
 * invocation so its duplicate window starts empty). Throughput is {@code events} / the time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ForwardingBench {
  private static final String SCHEMA = "bench_forwarding";
  private static final String EXCHANGE = "rillflow-bench-forwarding";
  private static final String QUEUE = "rillflow-bench-forwarding-q";
  private static final String STREAM = "RILLFLOW_BENCH_FORWARDING";
  private static final String SUBJECT = "rillflow-bench-forwarding";

  /** Events stored before the trial and forwarded by each invocation. */
  @Param("20000")
  public int events;

  /** Events per round of confirms, on both sides. */
  @Param("500")
  public int batchSize;

  private DocumentStore store;
  private com.rabbitmq.client.Connection rabbit;
  private Connection nats;
  private JetStreamManagement streams;
  private int invocation;
  private String subscription;

  @Setup(Level.Trial)
  public void fill() throws Exception {
    store = TickStreams.filledStore(SCHEMA, events, io.rillflow.events.AppendOptions.NONE);
    BenchStores.execute("CREATE TABLE \"" + SCHEMA + "\".bench_outbox (name text PRIMARY KEY, tx_id bigint, position bigint)");
    BenchStores.execute("INSERT INTO \"" + SCHEMA + "\".bench_outbox VALUES ('raw', 0, 0)");
    rabbit = new ConnectionFactory().newConnection("rillflow-bench-admin");
    try (Channel channel = rabbit.createChannel()) {
      channel.exchangeDeclare(EXCHANGE, "topic", false, false, null);
      channel.queueDeclare(QUEUE, false, false, false, Map.of("x-queue-mode", "lazy"));
      channel.queueBind(QUEUE, EXCHANGE, "#");
    }
    nats = Nats.connect("nats://127.0.0.1:4222");
    streams = nats.jetStreamManagement();
  }

  @Setup(Level.Invocation)
  public void freshTargets() throws Exception {
    subscription = "forward-" + invocation++;
    store.subscriptions().create(subscription, SubscriptionFilter.allEvents());
    BenchStores.execute("UPDATE \"" + SCHEMA + "\".bench_outbox SET tx_id = 0, position = 0");
    try (Channel channel = rabbit.createChannel()) {
      channel.queuePurge(QUEUE);
    }
    try {
      streams.deleteStream(STREAM);
    } catch (io.nats.client.JetStreamApiException absent) {
      // the first invocation
    }
    streams.addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT + ".>")
        .storageType(StorageType.Memory).build());
  }

  @TearDown(Level.Trial)
  public void drop() throws Exception {
    try (Channel channel = rabbit.createChannel()) {
      channel.queueDelete(QUEUE);
      channel.exchangeDelete(EXCHANGE);
    }
    rabbit.close();
    streams.deleteStream(STREAM);
    nats.close();
    store.close();
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
  }

  private ForwarderSettings settings() {
    return ForwarderSettings.defaults().batchSize(batchSize).pollWait(Duration.ofMillis(100))
        .member(SubscriptionOptions.defaults().group("bench").pollInterval(Duration.ofMillis(10)));
  }

  private long runUntilForwarded(Forwarder forwarder) throws InterruptedException {
    try (forwarder) {
      while (forwarder.forwarded() < events) {
        Thread.sleep(1);
      }
      return forwarder.forwarded();
    }
  }

  @Benchmark
  public long rabbitmq_rillflow() throws Exception {
    return runUntilForwarded(RabbitMqForwarder.builder().exchange(EXCHANGE)
        .routingKey(delivery -> "bench." + delivery.event().type())
        .forwarding(settings()).build().start(store, subscription));
  }

  @Benchmark
  public long nats_rillflow() throws Exception {
    return runUntilForwarded(NatsJetStreamForwarder.builder()
        .subject(delivery -> SUBJECT + "." + delivery.event().type())
        .forwarding(settings()).build().start(store, subscription));
  }

  @Benchmark
  public long rabbitmq_raw() throws Exception {
    try (com.rabbitmq.client.Connection connection = new ConnectionFactory().newConnection("rillflow-bench-raw");
        Channel channel = connection.createChannel()) {
      channel.confirmSelect();
      return rawLoop(rows -> {
        for (RawRow row : rows) {
          AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(row.id())
              .type(row.type()).contentType("application/json").deliveryMode(2).headers(Map.of("rillflow-type",
                  row.type(), "rillflow-stream", row.stream(), "rillflow-version", Long.toString(row.version()),
                  "rillflow-position", row.id()))
              .build();
          channel.basicPublish(EXCHANGE, "bench." + row.type(), true, properties, row.body());
        }
        channel.waitForConfirmsOrDie(10_000);
      });
    }
  }

  @Benchmark
  public long nats_raw() throws Exception {
    try (Connection connection = Nats.connect("nats://127.0.0.1:4222")) {
      JetStream jetStream = connection.jetStream();
      return rawLoop(rows -> {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(rows.size());
        for (RawRow row : rows) {
          Headers headers = new Headers().put("Nats-Msg-Id", row.id()).put("rillflow-type", row.type())
              .put("rillflow-stream", row.stream()).put("rillflow-version", Long.toString(row.version()))
              .put("rillflow-position", row.id());
          acks.add(jetStream.publishAsync(NatsMessage.builder().subject(SUBJECT + "." + row.type())
              .headers(headers).data(row.body()).build()));
        }
        for (CompletableFuture<PublishAck> ack : acks) {
          ack.get(10, TimeUnit.SECONDS);
        }
      });
    }
  }

  /** One stored event as the raw loop reads it. */
  record RawRow(String id, String stream, long version, String type, byte[] body) {}

  /** What the raw loop does with a batch: publish it and wait for the broker. */
  interface Publish {
    void batch(List<RawRow> rows) throws Exception;
  }

  private long rawLoop(Publish publish) throws Exception {
    String safePoint = "SELECT safe_point::text::bigint FROM \"" + SCHEMA + "\".rf_appenders() LIMIT 1";
    String read = "SELECT seq_id, tx_id::text::bigint, stream_id, version, type, data::text FROM \"" + SCHEMA
        + "\".rf_events WHERE (tx_id, seq_id) > (CAST(CAST(? AS bigint) AS text)::xid8, ?)"
        + " AND tx_id < CAST(CAST(? AS bigint) AS text)::xid8 ORDER BY tx_id, seq_id LIMIT ?";
    String move = "UPDATE \"" + SCHEMA + "\".bench_outbox SET tx_id = ?, position = ? WHERE name = 'raw'";
    long forwarded = 0;
    long transactionId = 0;
    long position = 0;
    try (java.sql.Connection connection = store.dataSource().getConnection()) {
      while (true) {
        long below;
        try (PreparedStatement statement = connection.prepareStatement(safePoint);
            ResultSet row = statement.executeQuery()) {
          row.next();
          below = row.getLong(1);
        }
        List<RawRow> rows = new ArrayList<>(batchSize);
        try (PreparedStatement statement = connection.prepareStatement(read)) {
          statement.setLong(1, transactionId);
          statement.setLong(2, position);
          statement.setLong(3, below);
          statement.setInt(4, batchSize);
          try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
              position = result.getLong(1);
              transactionId = result.getLong(2);
              rows.add(new RawRow(Long.toString(position), result.getString(3), result.getLong(4),
                  result.getString(5), result.getString(6).getBytes(StandardCharsets.UTF_8)));
            }
          }
        }
        if (rows.isEmpty()) {
          return forwarded;
        }
        publish.batch(rows);
        try (PreparedStatement statement = connection.prepareStatement(move)) {
          statement.setLong(1, transactionId);
          statement.setLong(2, position);
          statement.executeUpdate();
        }
        forwarded += rows.size();
      }
    }
  }
}
