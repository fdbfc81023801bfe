package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rillflow.events.Checkpoint;
import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Catching {@code projections} projections up on {@code events} stored events: the daemon's
 * {@code runUntilIdle()} (gap-safe reads in batches of {@code batchSize}, shared by the projections
 * at one checkpoint, decoding, one counting upsert per event and projection, each projection's fenced
 * checkpoint write and commit per batch, projections applying at once on the daemon's pool) against a
 * raw JDBC loop that reads each batch once and, per projection, writes its checkpoint and upserts in
 * a transaction of its own, one projection after another. Each invocation starts from empty read
 * models and checkpoints at the start. {@code -p projections=1,5} compares five projections with one
 * (the target: five together within 1.5 times one); the README run uses {@code -p events=100000}.
 * {@code -p writes=batch} has each projection, on both sides, write a batch's counts in one multi-row
 * upsert instead of one per event; {@code -p parallelism=N} sets the daemon's pool (the raw loop has none).
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

  /** Projection {@code i}'s read model table. */
  private static String counts(int i) {
    return "\"" + SCHEMA + "\".bench_counts_" + i;
  }

  private static String upsert(int i) {
    return "INSERT INTO " + counts(i) + " AS c (key, n) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET n = c.n + 1";
  }

  /** One statement for a batch's counts, folded by key: parameters keys[], counts[]. */
  private static String upsertMany(int i) {
    return "INSERT INTO " + counts(i) + " AS c (key, n) SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]))"
        + " ON CONFLICT (key) DO UPDATE SET n = c.n + excluded.n";
  }

  /** Folds a batch into one upsert of its keys' counts, on either side. */
  private static void upsertBatch(Connection connection, String sql, List<BenchTick> ticks) throws SQLException {
    Map<String, Long> byKey = new TreeMap<>();
    for (BenchTick tick : ticks) {
      byKey.merge(tick.key(), 1L, Long::sum);
    }
    try (PreparedStatement upsert = connection.prepareStatement(sql)) {
      upsert.setArray(1, connection.createArrayOf("text", byKey.keySet().toArray()));
      upsert.setArray(2, connection.createArrayOf("bigint", byKey.values().toArray()));
      upsert.executeUpdate();
    }
  }

  /** Events stored before the trial. */
  @Param("10000")
  public int events;

  /** Events per transaction, on both sides. */
  @Param("500")
  public int batchSize;

  /** Projections caught up together, each with its own read model table. */
  @Param("1")
  public int projections;

  /**
   * How each projection writes its read model, on both sides: {@code event}, one upsert per event (the
   * default, the figures so far); {@code batch}, the batch's counts folded in memory and written in one
   * multi-row upsert ({@code applyBatch}), as generated read models write.
   */
  @Param("event")
  public String writes;

  /** The daemon's {@code ProjectionOptions.parallelism}; 0 keeps its default (min(4, cores)). Not used by the raw loop. */
  @Param("0")
  public int parallelism;

  private DocumentStore store;
  private ObjectReader tickReader;

  /** The read model: one row per key, counting its events. */
  static class Counts implements Projection {
    private final String upsert;

    Counts(int i) {
      this.upsert = upsert(i);
    }

    @Override
    public void apply(EventEnvelope<?> event, ProjectionContext context) throws SQLException {
      try (PreparedStatement upsert = context.connection().prepareStatement(this.upsert)) {
        upsert.setString(1, ((BenchTick) event.data()).key());
        upsert.executeUpdate();
      }
    }
  }

  /** The same read model, written per batch. */
  static final class BatchCounts extends Counts {
    private final String upsertMany;

    BatchCounts(int i) {
      super(i);
      this.upsertMany = upsertMany(i);
    }

    @Override
    public void applyBatch(List<EventEnvelope<?>> events, ProjectionContext context) throws SQLException {
      List<BenchTick> ticks = new ArrayList<>(events.size());
      for (EventEnvelope<?> event : events) {
        ticks.add((BenchTick) event.data());
      }
      upsertBatch(context.connection(), upsertMany, ticks);
    }
  }

  private boolean batchWrites() {
    if (!writes.equals("event") && !writes.equals("batch")) {
      throw new IllegalArgumentException("writes is event or batch, not " + writes);
    }
    return writes.equals("batch");
  }

  @Setup(Level.Trial)
  public void fill() throws Exception {
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
    ProjectionOptions options = ProjectionOptions.defaults().batchSize(batchSize);
    DocumentStoreBuilder builder = DocumentStore.builder().url(BenchDatabase.url()).schema(SCHEMA).readModels(false)
        .projectionOptions(parallelism > 0 ? options.parallelism(parallelism) : options);
    for (int i = 0; i < projections; i++) {
      builder.projection(NAME + "-" + i, ProjectionLifecycle.ASYNC, batchWrites() ? new BatchCounts(i) : new Counts(i));
    }
    store = builder.build();
    for (int i = 0; i < projections; i++) {
      BenchStores.execute("CREATE TABLE " + counts(i) + " (key text PRIMARY KEY, n bigint NOT NULL)");
    }
    TickStreams.append(store, events, io.rillflow.events.AppendOptions.NONE);
    BenchStores.execute("VACUUM ANALYZE \"" + SCHEMA + "\".rf_events");
    tickReader = new ObjectMapper().readerFor(BenchTick.class);
  }

  @Setup(Level.Invocation)
  public void emptyReadModel() throws Exception {
    for (int i = 0; i < projections; i++) {
      store.projections().daemon().reset(NAME + "-" + i, Checkpoint.START);
      BenchStores.execute("TRUNCATE " + counts(i));
    }
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
        for (int i = 0; i < projections; i++) {
          connection.setAutoCommit(false);
          try {
            read.writeCheckpoint(connection, NAME + "-" + i);
            if (batchWrites()) {
              upsertBatch(connection, upsertMany(i), batch);
            } else {
              String sql = upsert(i);
              for (BenchTick tick : batch) {
                try (PreparedStatement upsert = connection.prepareStatement(sql)) {
                  upsert.setString(1, tick.key());
                  upsert.executeUpdate();
                }
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
}
