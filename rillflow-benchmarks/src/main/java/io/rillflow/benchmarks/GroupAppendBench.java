package io.rillflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.rillflow.DocumentStore;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventStorage;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.GroupAppendOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many writers, one event each per call, each writer to a stream of its own with an exact expected
 * version: Rillflow with group append on ({@code GroupAppendOptions.enabled()}: at most 1 ms of
 * added wait, 1 lane; both are parameters) against what a developer writes by hand without an
 * event store, the simplest schema ({@code raw_events}: a bigserial key, stream id, version, type,
 * jsonb data, a timestamp, a unique key on stream and version as the optimistic check) and one
 * {@code INSERT} per transaction in auto-commit. The score is the appends (= transactions for raw) per second of all threads
 * together. Run it at 8 and 32 writers ({@code -t 8}, {@code -t 32}; the default is 8).
 *
 * <p>The raw side gets a pool with a connection per writer (36), so it never waits for a
 * connection; the grouped store needs only a connection per lane. The server must run with
 * {@code synchronous_commit = on} (each commit waits for its WAL flush: what grouping saves); the
 * trial refuses to start otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(8)
public class GroupAppendBench {
  private static final String SCHEMA = "bench_group_append";
  private static final int RAW_POOL = 36;

  /** One writer's stream, its event and the stream's version so far. */
  @State(Scope.Thread)
  public static class Writer {
    final UUID id = UUID.randomUUID();
    final String key = id.toString();
    final BenchItemAdded event = new SampleEvents(id.getLeastSignificantBits()).next(id);
    long version;
  }

  /**
   * The grouped store, on a schema of its own; its options are the parameters, so that the raw
   * side, which has none, runs once.
   */
  @State(Scope.Benchmark)
  public static class Grouped {
    private static final String SCHEMA = "bench_group_append_grouped";

    /** Group append's lanes: groups written at once, each on its own connection. */
    @Param("1")
    public int lanes;

    /** Group append's commit latency bound, in microseconds (the default of {@code enabled()}: 1 ms). */
    @Param("1000")
    public int maxDelayMicros;

    /** The grouped store's event layout: {@code default} or {@code compact} ({@link EventStorage#compact()}). */
    @Param("default")
    public String storage;

    DocumentStore store;

    @Setup(Level.Trial)
    public void open() throws SQLException {
      requireDurableCommits();
      BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
      store = DocumentStore.builder().url(BenchDatabase.url()).schema(SCHEMA)
          .discoverModules(false).module(BenchModules.withoutStartupTypes()).readModels(false)
          .groupAppends(GroupAppendOptions.enabled().lanes(lanes).maxDelay(Duration.ofNanos(maxDelayMicros * 1_000L)))
          .eventStorage(storage.equals("compact") ? EventStorage.compact() : EventStorage.DEFAULT)
          .build();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
      // How many appends shared a transaction: the figure grouping is about.
      System.out.println("appends per group transaction: " + BenchStores.query("SELECT round(count(*)::numeric"
          + " / greatest(count(DISTINCT tx_id), 1), 1) FROM \"" + SCHEMA + "\".rf_events"));
      store.close();
      BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
    }
  }
  /** The raw side's pool (a store without grouping: only its data source is used, for raw_events). */
  private DocumentStore plain;
  private ObjectWriter writer;
  private String insert;

  /** The figures claim commits that wait for their WAL flush: what grouping shares. */
  static void requireDurableCommits() throws SQLException {
    String synchronousCommit = BenchStores.query("SHOW synchronous_commit");
    if (!"on".equals(synchronousCommit)) {
      throw new IllegalStateException("GroupAppendBench compares commits that wait for their WAL flush; the server"
          + " runs with synchronous_commit = " + synchronousCommit + ", set it to on");
    }
  }

  @Setup(Level.Trial)
  public void open() throws SQLException {
    requireDurableCommits();
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
    plain = DocumentStore.builder().url(BenchDatabase.url()).schema(SCHEMA)
        .discoverModules(false).module(BenchModules.withoutStartupTypes()).readModels(false)
        .maximumPoolSize(RAW_POOL).build();
    BenchStores.execute("CREATE TABLE \"" + SCHEMA + "\".raw_events (seq bigserial PRIMARY KEY,"
        + " stream_id text NOT NULL, version bigint NOT NULL, type text NOT NULL, data jsonb NOT NULL,"
        + " created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, version))");
    insert = "INSERT INTO \"" + SCHEMA + "\".raw_events (stream_id, version, type, data) VALUES (?, ?, ?, ?::jsonb)";
    writer = RawDocuments.mapper().writerFor(BenchItemAdded.class);
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    if (plain != null) {
      plain.close();
    }
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
  }

  @Benchmark
  public AppendResult groupAppend_rillflow(Grouped grouped, Writer writer) {
    AppendResult result = grouped.store.events().append(writer.id, ExpectedVersion.exactly(writer.version), writer.event);
    writer.version = result.version();
    return result;
  }

  @Benchmark
  public long groupAppend_raw(Writer writer) throws Exception {
    try (Connection connection = plain.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(insert)) {
      statement.setString(1, writer.key);
      statement.setLong(2, writer.version + 1);
      statement.setString(3, "BenchItemAdded");
      statement.setString(4, this.writer.writeValueAsString(writer.event));
      statement.executeUpdate();
    }
    return ++writer.version;
  }
}
