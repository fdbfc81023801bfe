package io.rillflow.benchmarks;

import io.rillflow.DocumentSession;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Storing a batch of new documents in one unit of work: {@code store} each in a lightweight session
 * and {@code saveChanges()} once (which sends runs of 16 or more as one multi-row statement), against
 * what a developer writes by hand: one transaction holding one JDBC batch of upserts.
 */
public class SaveManyBench extends DocumentBench {
  /** Documents per {@code saveChanges()}. */
  @Param({"100", "1000", "10000"})
  public int documents;

  private SampleCustomers customers;

  @Override
  protected String schema() {
    return "bench_save_many";
  }

  @Override
  protected void prepare() {
    customers = new SampleCustomers(11);
  }

  @Benchmark
  public List<BenchCustomer> saveMany_rillflow() {
    List<BenchCustomer> batch = customers.next(documents);
    try (DocumentSession session = store.lightweightSession()) {
      for (BenchCustomer customer : batch) {
        session.store(customer);
      }
      session.saveChanges();
    }
    return batch;
  }

  @Benchmark
  public List<BenchCustomer> saveMany_raw() throws Exception {
    List<BenchCustomer> batch = customers.next(documents);
    raw.upsertAll(batch);
    return batch;
  }
}
