package io.rillflow.benchmarks;

import io.rillflow.BulkMode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Bulk insert of 100,000 new documents into an empty table. One call is seconds of work, so each
 * iteration is a single timed call on a freshly truncated table.
 *
 * <p>Rillflow's {@code store.bulkInsert(documents, BulkMode.INSERT_ONLY)} against pgjdbc's COPY
 * ({@code COPY ... FROM STDIN}, streamed, one transaction) of the same rows.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BulkInsertBench extends DocumentBench {
  /** Documents per call. */
  @Param("100000")
  public int documents;

  private List<BenchCustomer> customers;

  @Override
  protected String schema() {
    return "bench_bulk_insert";
  }

  @Override
  protected void prepare() {
    // Built once: both sides will insert the very same documents, and building them is not measured.
    customers = new SampleCustomers(13).next(documents);
  }

  /** Every call inserts the same ids, so each starts from an empty table. */
  @Setup(Level.Iteration)
  public void emptyTable() throws Exception {
    BenchStores.execute("TRUNCATE \"" + schema() + "\".\"doc_bench_customer\"");
  }

  @Benchmark
  public long bulkInsert_rillflow() {
    long rows = store.bulkInsert(customers, BulkMode.INSERT_ONLY);
    if (rows != documents) {
      throw new IllegalStateException("bulkInsert wrote " + rows + " rows, expected " + documents);
    }
    return rows;
  }

  @Benchmark
  public long bulkInsert_raw() throws Exception {
    long rows = raw.copyIn(customers);
    if (rows != documents) {
      throw new IllegalStateException("COPY wrote " + rows + " rows, expected " + documents);
    }
    return rows;
  }
}
