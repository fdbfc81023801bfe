package io.rillflow.benchmarks;

import io.rillflow.QuerySession;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Loading one document by id from a filled table, ids picked at random: Rillflow's
 * {@code querySession().load} against {@code SELECT data ... WHERE id = ?} and a Jackson read.
 */
public class LoadByIdBench extends DocumentBench {
  /** Rows in the table. */
  @Param("10000")
  public int documents;

  private UUID[] ids;

  @Override
  protected String schema() {
    return "bench_load_by_id";
  }

  @Override
  protected void prepare() throws Exception {
    List<BenchCustomer> customers = new SampleCustomers(42).next(documents);
    fill(customers);
    ids = customers.stream().map(BenchCustomer::id).toArray(UUID[]::new);
  }

  private UUID anyId() {
    return ids[ThreadLocalRandom.current().nextInt(ids.length)];
  }

  @Benchmark
  public BenchCustomer loadById_rillflow() {
    try (QuerySession session = store.querySession()) {
      return session.load(BenchCustomer.class, anyId()).orElseThrow();
    }
  }

  @Benchmark
  public BenchCustomer loadById_raw() throws Exception {
    return raw.load(anyId());
  }
}
