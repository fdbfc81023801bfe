package io.rillflow.benchmarks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Makes benchmark customers. Deterministic in the seed, so every run and both sides of a pair
 * write the same documents; ids come from a cheap random (not {@link UUID#randomUUID()}, whose
 * SecureRandom would add noise that is neither Rillflow's nor JDBC's).
 */
public final class SampleCustomers {
  private static final List<String> TAGS = List.of("gold", "newsletter", "eu", "returning", "b2b", "mobile");
  private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

  private final SplittableRandom random;
  private long sequence;

  public SampleCustomers(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A new customer with a new random id. */
  public BenchCustomer next() {
    long n = sequence++;
    UUID id = new UUID(random.nextLong(), random.nextLong());
    List<String> tags = List.of(
        TAGS.get((int) (n % 6)), TAGS.get((int) ((n + 1) % 6)), TAGS.get((int) ((n + 3) % 6)), TAGS.get((int) ((n + 4) % 6)));
    return new BenchCustomer(
        id,
        "customer-" + n + "@example.com",
        "Customer Number " + n,
        "+1-555-01" + (10 + n % 90) + "-" + (1000 + n % 9000),
        18 + (int) (n % 70),
        tags,
        new BenchCustomer.Address(n + " Long Street Name, Building C", "Springfield Heights", Long.toString(10_000 + n % 90_000), "US"),
        EPOCH.plusSeconds(n * 7919).plusNanos(123_456_000),
        BigDecimal.valueOf(random.nextLong(10_000_000), 2));
  }

  /** {@code count} new customers. */
  public List<BenchCustomer> next(int count) {
    List<BenchCustomer> customers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      customers.add(next());
    }
    return customers;
  }
}
