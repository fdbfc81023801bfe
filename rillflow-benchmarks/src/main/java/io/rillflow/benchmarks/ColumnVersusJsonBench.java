package io.rillflow.benchmarks;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * What {@code @Duplicated} buys: one lookup in 100,000 documents by a duplicated field (its own
 * column and index) against one by a field that lives only in the JSON (no index, so PostgreSQL
 * reads the table). Both through the same generated repository; each beside raw JDBC sending the
 * same SQL, so the pairs also show Rillflow's overhead, and the two pairs' ratio is the figure.
 */
public class ColumnVersusJsonBench extends DocumentBench {
  /** Rows in the table. */
  @Param("100000")
  public int documents;

  private String[] emails;
  private String[] names;
  private BenchCustomerRepository customers;

  @Override
  protected String schema() {
    return "bench_column_vs_json";
  }

  @Override
  protected void prepare() throws Exception {
    List<BenchCustomer> all = new SampleCustomers(11).next(documents);
    store.bulkInsert(all);
    BenchStores.execute("ANALYZE \"" + schema() + "\".\"doc_bench_customer\"");
    emails = all.stream().map(BenchCustomer::email).toArray(String[]::new);
    names = all.stream().map(BenchCustomer::name).toArray(String[]::new);
    customers = store.repository(BenchCustomerRepository.class);
  }

  private int any() {
    return ThreadLocalRandom.current().nextInt(emails.length);
  }

  @Benchmark
  public BenchCustomer byDuplicatedColumn_rillflow() {
    return customers.findByEmail(emails[any()]).orElseThrow();
  }

  @Benchmark
  public BenchCustomer byDuplicatedColumn_raw() throws Exception {
    return raw.findOne("\"email\" = ?", emails[any()]);
  }

  @Benchmark
  public BenchCustomer byJsonPath_rillflow() {
    return customers.findByName(names[any()]).orElseThrow();
  }

  @Benchmark
  public BenchCustomer byJsonPath_raw() throws Exception {
    return raw.findOne("data @> ?::jsonb", "{\"name\":\"" + names[any()] + "\"}");
  }
}
