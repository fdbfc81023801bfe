package io.rillflow.benchmarks;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.QuerySession;
import io.rillflow.events.AppendResult;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.tenancy.Tenancy;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * Conjoined tenancy against a store without tenants, in the same run, on the same number of rows:
 * load by id, store one document, append one event to a new stream, and a repository query on a
 * unique duplicated column, each through {@code forTenant(id)} of a tenant picked at random (the
 * {@code _conjoined} methods) and through the single store (the {@code _single} methods); the raw
 * JDBC load of the single store's table beside them. The conjoined table holds {@code tenants} x
 * {@code perTenant} customers, the single one as many; each conjoined statement carries the tenant in
 * its key ({@code tenant_id, id}) and its text.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ConjoinedBench {
  private static final String SINGLE = "bench_single_mt";
  private static final String CONJOINED = "bench_conjoined";

  /** Tenants of the conjoined store. */
  @Param("100")
  public int tenants;

  /** Customers per tenant; the single store holds tenants x perTenant. */
  @Param("100")
  public int perTenant;

  private DocumentStore single;
  private DocumentStore conjoined;
  private RawDocuments raw;
  private String[] ids;
  /** The single store's customers, and each tenant's (row {@code t} of the conjoined store's). */
  private BenchCustomer[] singleCustomers;
  private BenchCustomer[][] tenantCustomers;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    single = BenchStores.open(SINGLE);
    raw = new RawDocuments(single.dataSource(), SINGLE);
    BenchStores.checkName(CONJOINED);
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + CONJOINED + "\" CASCADE");
    conjoined = DocumentStore.builder().url(BenchDatabase.url()).schema(CONJOINED)
        .discoverModules(false).module(BenchModules.withoutStartupTypes()).readModels(false)
        .tenancy(Tenancy.conjoined()).build();
    SampleCustomers samples = new SampleCustomers(42);
    List<BenchCustomer> all = samples.next(tenants * perTenant);
    singleCustomers = all.toArray(BenchCustomer[]::new);
    fill(single, all);
    ids = new String[tenants];
    tenantCustomers = new BenchCustomer[tenants][];
    for (int t = 0; t < tenants; t++) {
      ids[t] = "t" + t;
      conjoined.tenants().ensure(ids[t]);
      // Each tenant its own customers, with their own ids and emails, as many in all as the single store's.
      List<BenchCustomer> own = samples.next(perTenant);
      tenantCustomers[t] = own.toArray(BenchCustomer[]::new);
      fill(conjoined.forTenant(ids[t]), own);
    }
    BenchStores.execute("VACUUM ANALYZE \"" + SINGLE + "\".\"doc_bench_customer\"");
    BenchStores.execute("VACUUM ANALYZE \"" + CONJOINED + "\".\"doc_bench_customer\"");
  }

  private static void fill(DocumentStore store, List<BenchCustomer> customers) {
    for (int from = 0; from < customers.size(); from += 1_000) {
      try (DocumentSession session = store.lightweightSession()) {
        session.store(customers.subList(from, Math.min(from + 1_000, customers.size())).toArray());
        session.saveChanges();
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    single.close();
    conjoined.close();
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + SINGLE + "\" CASCADE");
    BenchStores.execute("DROP SCHEMA IF EXISTS \"" + CONJOINED + "\" CASCADE");
  }

  private static int any(int bound) {
    return ThreadLocalRandom.current().nextInt(bound);
  }

  private BenchCustomer anySingle() {
    return singleCustomers[any(singleCustomers.length)];
  }

  @Benchmark
  public BenchCustomer load_raw() throws Exception {
    return raw.load(anySingle().id());
  }

  @Benchmark
  public BenchCustomer load_single() {
    try (QuerySession session = single.querySession()) {
      return session.load(BenchCustomer.class, anySingle().id()).orElseThrow();
    }
  }

  @Benchmark
  public BenchCustomer load_conjoined() {
    int t = any(tenants);
    try (QuerySession session = conjoined.forTenant(ids[t]).querySession()) {
      return session.load(BenchCustomer.class, tenantCustomers[t][any(perTenant)].id()).orElseThrow();
    }
  }

  @Benchmark
  public Optional<BenchCustomer> query_single() {
    return single.repository(BenchCustomerRepository.class).findByEmail(anySingle().email());
  }

  @Benchmark
  public Optional<BenchCustomer> query_conjoined() {
    int t = any(tenants);
    return conjoined.forTenant(ids[t]).repository(BenchCustomerRepository.class)
        .findByEmail(tenantCustomers[t][any(perTenant)].email());
  }

  @Benchmark
  public BenchCustomer store_single() {
    return store(single, anySingle());
  }

  @Benchmark
  public BenchCustomer store_conjoined() {
    int t = any(tenants);
    return store(conjoined.forTenant(ids[t]), tenantCustomers[t][any(perTenant)]);
  }

  /** An existing customer written again (an update by upsert): the table does not grow during the run. */
  private static BenchCustomer store(DocumentStore store, BenchCustomer customer) {
    try (DocumentSession session = store.lightweightSession()) {
      session.store(customer);
      session.saveChanges();
    }
    return customer;
  }

  @Benchmark
  public AppendResult append_single() {
    return single.events().append(UUID.randomUUID(), ExpectedVersion.noStream(), new BenchPurchase("c", 100));
  }

  @Benchmark
  public AppendResult append_conjoined() {
    return conjoined.forTenant(ids[any(tenants)]).events()
        .append(UUID.randomUUID(), ExpectedVersion.noStream(), new BenchPurchase("c", 100));
  }
}
