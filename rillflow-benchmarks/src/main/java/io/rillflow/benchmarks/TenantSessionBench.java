package io.rillflow.benchmarks;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.tenancy.Tenancy;
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
 * Opening (and closing) a session for a tenant picked at random among many provisioned schemas,
 * {@code forTenant(id).openSession()}, beside a plain {@code openSession()} on a store without tenancy
 * in the same run: the tenant's store is built once and cached, so a session costs no catalogue read
 * and no string work. Provisioning the tenants is done once in the setup (and kept between runs: the
 * schemas {@code bench_tenants_<id>} stay; {@code ensure} of a provisioned tenant is cheap).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class TenantSessionBench {
  /** Provisioned tenants. */
  @Param("1000")
  public int tenants;

  private DocumentStore single;
  private DocumentStore tenanted;
  private String[] ids;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    single = BenchStores.open("bench_single_session");
    tenanted = DocumentStore.builder().url(BenchDatabase.url()).schema("bench_tenants")
        .discoverModules(false).module(BenchModules.withoutStartupTypes()).readModels(false)
        .tenancy(Tenancy.schemaPerTenant()).build();
    ids = new String[tenants];
    for (int i = 0; i < tenants; i++) {
      ids[i] = "t" + i;
      tenanted.tenants().ensure(ids[i]);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    single.close();
    tenanted.close();
  }

  @Benchmark
  public DocumentSession openSession_single() {
    try (DocumentSession session = single.openSession()) {
      return session;
    }
  }

  @Benchmark
  public DocumentSession openSession_forTenant() {
    try (DocumentSession session = tenanted.forTenant(ids[ThreadLocalRandom.current().nextInt(ids.length)])
        .openSession()) {
      return session;
    }
  }
}
