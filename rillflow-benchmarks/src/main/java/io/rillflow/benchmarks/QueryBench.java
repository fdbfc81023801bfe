package io.rillflow.benchmarks;

import io.rillflow.QuerySession;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Finding one document by a duplicated field in a filled table, through a compile-time repository
 * method and through the dynamic query API, each beside raw JDBC sending the same SQL
 * ({@code SELECT data ... WHERE "email" = ?}) and reading the row with Jackson.
 */
public class QueryBench extends DocumentBench {
  /** Rows in the table. */
  @Param("10000")
  public int documents;

  private String[] emails;
  private BenchCustomerRepository customers;

  @Override
  protected String schema() {
    return "bench_query";
  }

  @Override
  protected void prepare() throws Exception {
    List<BenchCustomer> all = new SampleCustomers(7).next(documents);
    fill(all);
    emails = all.stream().map(BenchCustomer::email).toArray(String[]::new);
    customers = store.repository(BenchCustomerRepository.class);
  }

  private String anyEmail() {
    return emails[ThreadLocalRandom.current().nextInt(emails.length)];
  }

  @Benchmark
  public BenchCustomer repositoryByDuplicatedField_rillflow() {
    return customers.findByEmail(anyEmail()).orElseThrow();
  }

  @Benchmark
  public BenchCustomer repositoryByDuplicatedField_raw() throws Exception {
    return raw.findOne("\"email\" = ?", anyEmail());
  }

  @Benchmark
  public BenchCustomer dynamicByDuplicatedField_rillflow() {
    try (QuerySession session = store.querySession()) {
      return session.query(BenchCustomer.class).where(BenchCustomer_.email.eq(anyEmail())).single();
    }
  }

  @Benchmark
  public BenchCustomer dynamicByDuplicatedField_raw() throws Exception {
    return raw.findOne("\"email\" = ?", anyEmail());
  }
}
