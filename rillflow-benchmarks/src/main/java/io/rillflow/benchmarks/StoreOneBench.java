package io.rillflow.benchmarks;

import io.rillflow.DocumentSession;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Storing one new document and committing it: a lightweight session's {@code store} +
 * {@code saveChanges()} against one upsert in its own transaction. Each call writes a new id, so the
 * table grows the same way on both sides.
 */
public class StoreOneBench extends DocumentBench {
  private SampleCustomers customers;

  @Override
  protected String schema() {
    return "bench_store_one";
  }

  @Override
  protected void prepare() {
    customers = new SampleCustomers(7);
  }

  @Benchmark
  public BenchCustomer storeOne_rillflow() {
    BenchCustomer customer = customers.next();
    try (DocumentSession session = store.lightweightSession()) {
      session.store(customer);
      session.saveChanges();
    }
    return customer;
  }

  @Benchmark
  public BenchCustomer storeOne_raw() throws Exception {
    BenchCustomer customer = customers.next();
    raw.upsert(customer);
    return customer;
  }
}
