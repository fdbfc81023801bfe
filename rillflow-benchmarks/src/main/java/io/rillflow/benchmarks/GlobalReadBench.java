package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rillflow.DocumentStore;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import java.sql.Connection;
import java.util.List;
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
 * Reading {@code events} stored events in global order through {@code readAll(checkpoint, batchSize)},
 * page after page, where every event was appended with metadata as an application stamps it (causation
 * and correlation ids, a user and a trace context header) and the reader folds only the events' data,
 * never asking for the headers: issue 21's "lazy metadata where nothing asks for it". Beside it, a raw
 * JDBC loop sending the daemon's statements ({@link RawGlobalRead}: safe point, then a page below it)
 * and decoding each row's data with a Jackson reader built once. Divide {@code gc.alloc.rate.norm} by
 * {@code events} for the allocation per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GlobalReadBench {
  private static final String SCHEMA = "bench_global_read";

  /** Events stored before the trial. */
  @Param("10000")
  public int events;

  /** Events per page, on both sides. */
  @Param("500")
  public int batchSize;

  private DocumentStore store;
  private ObjectReader tickReader;

  @Setup(Level.Trial)
  public void fill() throws Exception {
    store = TickStreams.filledStore(SCHEMA, events, AppendOptions.builder().causationId("command-1").correlationId("request-1")
        .header("user", "ada").header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .build());
    tickReader = new ObjectMapper().readerFor(BenchTick.class);
  }

  @TearDown(Level.Trial)
  public void drop() throws Exception {
    store.close();
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
  }

  @Benchmark
  public long readAll_rillflow() {
    long sum = 0;
    Checkpoint after = Checkpoint.START;
    while (true) {
      List<EventEnvelope<?>> page = store.events().readAll(after, batchSize);
      if (page.isEmpty()) {
        return sum;
      }
      for (EventEnvelope<?> event : page) {
        sum += ((BenchTick) event.data()).amount();
      }
      after = page.get(page.size() - 1).checkpoint();
    }
  }

  @Benchmark
  public long readAll_raw() throws Exception {
    RawGlobalRead<BenchTick> read = new RawGlobalRead<>(SCHEMA, tickReader);
    long sum = 0;
    try (Connection connection = store.dataSource().getConnection()) {
      while (true) {
        List<BenchTick> page = read.next(connection, batchSize);
        if (page.isEmpty()) {
          return sum;
        }
        for (BenchTick tick : page) {
          sum += tick.amount();
        }
      }
    }
  }
}
