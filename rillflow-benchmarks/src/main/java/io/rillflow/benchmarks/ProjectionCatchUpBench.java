package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rillflow.events.Checkpoint;
import io.rillflow.DocumentStore;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
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
 * Catching a projection up on {@code events} stored events: the daemon's {@code runUntilIdle()}
 * (gap-safe reads in batches of {@code batchSize}, decoding, one counting upsert per event, the
 * fenced checkpoint write and a commit per batch) against a raw JDBC loop doing the same reads,
 * decoding, upserts and checkpoint writes. Each invocation starts from an empty read model and the
 * checkpoint at the start. The README run uses {@code -p events=1000000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ProjectionCatchUpBench {
  private static final String SCHEMA = "bench_projection_catch_up";
  private static final String NAME = "bench-counts";
  private static final String COUNTS = "\"" + SCHEMA + "\".bench_counts";
  private static final String UPSERT = "INSERT INTO " + COUNTS + " AS c (key, n) VALUES (?, 1)"
      + " ON CONFLICT (key) DO UPDATE SET n = c.n + 1";

  /** Events stored before the trial. */
  @Param("10000")
  public int events;

  /** Events per transaction, on both sides. */
  @Param("500")
  public int batchSize;

  private DocumentStore store;
  private ObjectReader tickReader;

  /** The read model: one row per key, counting its events. */
  static final class Counts implements Projection {
    @Override
    public void apply(EventEnvelope<?> event, ProjectionContext context) throws SQLException {
      try (PreparedStatement upsert = context.connection().prepareStatement(UPSERT)) {
        upsert.setString(1, ((BenchTick) event.data()).key());
        upsert.executeUpdate();
      }
    }
  }

  @Setup(Level.Trial)
  public void fill() throws Exception {
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
    store = DocumentStore.builder().url(BenchDatabase.url()).schema(SCHEMA).readModels(false)
        .projection(NAME, ProjectionLifecycle.ASYNC, new Counts())
        .projectionOptions(ProjectionOptions.defaults().batchSize(batchSize))
        .build();
    BenchStores.execute("CREATE TABLE " + COUNTS + " (key text PRIMARY KEY, n bigint NOT NULL)");
    for (int from = 0; from < events; from += 1_000) {
      List<BenchTick> ticks = new ArrayList<>();
      for (int i = from; i < Math.min(from + 1_000, events); i++) {
        ticks.add(new BenchTick("k" + (i % 100), i));
      }
      store.events().append("s" + from, ExpectedVersion.noStream(), io.rillflow.events.AppendOptions.NONE, ticks);
    }
    BenchStores.execute("VACUUM ANALYZE \"" + SCHEMA + "\".rf_events");
    tickReader = new ObjectMapper().readerFor(BenchTick.class);
  }

  @Setup(Level.Invocation)
  public void emptyReadModel() throws Exception {
    store.projections().daemon().reset(NAME, Checkpoint.START);
    BenchStores.execute("TRUNCATE " + COUNTS);
  }

  @TearDown(Level.Trial)
  public void drop() throws Exception {
    store.close();
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
  }

  @Benchmark
  public long catchUp_rillflow() {
    return store.projections().daemon().runUntilIdle();
  }

  @Benchmark
  public long catchUp_raw() throws Exception {
    RawGlobalRead<BenchTick> read = new RawGlobalRead<>(SCHEMA, tickReader);
    long applied = 0;
    try (Connection connection = store.dataSource().getConnection()) {
      while (true) {
        List<BenchTick> batch = read.next(connection, batchSize);
        if (batch.isEmpty()) {
          return applied;
        }
        connection.setAutoCommit(false);
        try {
          read.writeCheckpoint(connection, NAME);
          for (BenchTick tick : batch) {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
              upsert.setString(1, tick.key());
              upsert.executeUpdate();
            }
          }
          connection.commit();
        } finally {
          connection.setAutoCommit(true);
        }
        applied += batch.size();
      }
    }
  }
}
