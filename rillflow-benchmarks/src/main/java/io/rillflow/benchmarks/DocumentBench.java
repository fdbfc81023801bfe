package io.rillflow.benchmarks;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.events.EventStorage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark class shares: a store on a schema of its own, created empty at the start of
 * each trial and dropped at its end, and the raw baseline on the store's own pool. The defaults keep the whole suite to a few
 * minutes on a small machine; the command line overrides them ({@code -f}, {@code -wi}, {@code -i}).
 *
 * <p>JMH runs each benchmark method in its own fork and trial, so the two sides of a pair each start
 * from the same freshly created table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// A fixed heap, so heap resizing is not measured; pool and migration logs only when something is wrong.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public abstract class DocumentBench {
  protected DocumentStore store;
  protected RawDocuments raw;

  /** The schema this class's benchmarks own: {@code bench_<name>}. */
  protected abstract String schema();

  /** How the store lays out events: {@link EventStorage#DEFAULT} unless a benchmark says otherwise. */
  protected EventStorage eventStorage() {
    return EventStorage.DEFAULT;
  }

  /** Fills the table when the benchmark needs rows; runs once per trial, after the store is open. */
  protected void prepare() throws Exception {}

  @Setup(Level.Trial)
  public final void openStore() throws Exception {
    store = BenchStores.open(schema(), eventStorage());
    raw = new RawDocuments(store.dataSource(), schema());
    prepare();
  }

  /** Drops the schema too: the rows of a write benchmark are tens of megabytes nobody needs. */
  @TearDown(Level.Trial)
  public final void closeStore() throws Exception {
    if (store != null) {
      // The pool first, or its idle connections would hold the DROP waiting on their locks.
      store.close();
    }
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + schema() + "\" CASCADE");
  }

  /** Writes {@code customers} through Rillflow, 1,000 to a transaction: setup, not measured. */
  protected final void fill(List<BenchCustomer> customers) throws Exception {
    for (int from = 0; from < customers.size(); from += 1_000) {
      try (DocumentSession session = store.lightweightSession()) {
        session.store(customers.subList(from, Math.min(from + 1_000, customers.size())).toArray());
        session.saveChanges();
      }
    }
    // Fresh statistics and visibility map, so the first measured reads do not pay for them.
    BenchStores.execute("VACUUM ANALYZE \"" + schema() + "\".\"doc_bench_customer\"");
  }
}
