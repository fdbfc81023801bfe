package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rillflow.DocumentStore;
import io.rillflow.events.Checkpoint;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionOptions;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Delivering {@code events} stored events to a subscription's handler: a pushed member of the default
 * group ({@code AckMode.AUTO}, 16 partitions: reads below the safe point in batches of
 * {@code batchSize}, decodes, calls the handler, writes the fenced checkpoints of every partition in
 * one statement per batch) against a raw JDBC polling loop doing the same reads, decoding, handler
 * calls and one checkpoint write per batch. Each invocation starts from the beginning (a seek to the
 * start, which also fences the previous member off). The claim uses {@code -p events=100000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class SubscriptionDeliveryBench {
  private static final String SCHEMA = "bench_subscription_delivery";
  private static final String NAME = "bench-deliveries";
  private static final String RAW = "bench-raw-loop";

  /** Events stored before the trial. */
  @Param("100000")
  public int events;

  /** Events per read, on both sides. */
  @Param("500")
  public int batchSize;

  private DocumentStore store;
  private ObjectReader tickReader;

  @Setup(Level.Trial)
  public void fill() throws Exception {
    // A stream per thousand events: the partitions share the work as they would in an application.
    store = TickStreams.filledStore(SCHEMA, events, io.rillflow.events.AppendOptions.NONE);
    BenchStores.execute("INSERT INTO \"" + SCHEMA + "\".rf_projections (name) VALUES ('" + RAW + "')");
    store.subscriptions().create(NAME, SubscriptionFilter.allEvents());
    tickReader = new ObjectMapper().readerFor(BenchTick.class);
  }

  @Setup(Level.Invocation)
  public void fromTheStart() {
    try {
      store.subscriptions().seek(NAME, SubscriptionOptions.DEFAULT_GROUP, Checkpoint.START);
    } catch (IllegalArgumentException noGroupYet) {
      // the first invocation makes the group when its member joins
    }
  }

  @TearDown(Level.Trial)
  public void drop() throws Exception {
    store.close();
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
  }

  @Benchmark
  public long deliver_rillflow() throws Exception {
    AtomicLong keys = new AtomicLong();
    CountDownLatch all = new CountDownLatch(events);
    try (SubscriptionHandle handle = store.subscriptions().subscribe(NAME,
        SubscriptionOptions.defaults().batchSize(batchSize).pollInterval(Duration.ofMillis(10)),
        (delivery, h) -> {
          keys.addAndGet(((BenchTick) delivery.event().data()).key().length());
          all.countDown();
        })) {
      if (!all.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("not every event was delivered: " + all.getCount() + " left");
      }
    }
    return keys.get();
  }

  @Benchmark
  public long deliver_raw() throws Exception {
    RawGlobalRead<BenchTick> read = new RawGlobalRead<>(SCHEMA, tickReader);
    long keys = 0;
    try (Connection connection = store.dataSource().getConnection()) {
      while (true) {
        List<BenchTick> batch = read.next(connection, batchSize);
        if (batch.isEmpty()) {
          return keys;
        }
        for (BenchTick tick : batch) {
          keys += tick.key().length();
        }
        read.writeCheckpoint(connection, RAW);
      }
    }
  }
}
