package io.rillflow.benchmarks;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Makes {@link BenchItemAdded} events from a seed, so every run and every side writes the same. */
public final class SampleEvents {
  private static final String[] TITLES = {
    "Espresso beans 1 kg", "Paper filters", "Milk frother", "Ceramic cup, white", "Descaler, 4 doses"};

  private final Random random;
  private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

  public SampleEvents(long seed) {
    this.random = new Random(seed);
  }

  /** {@code count} events of one cart, in order. */
  public List<BenchItemAdded> cart(UUID cartId, int count) {
    List<BenchItemAdded> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(next(cartId));
    }
    return events;
  }

  /** One event of the cart. */
  public BenchItemAdded next(UUID cartId) {
    int item = random.nextInt(TITLES.length);
    return new BenchItemAdded(cartId, "SKU-" + (10_000 + random.nextInt(90_000)), TITLES[item],
        1 + random.nextInt(5), BigDecimal.valueOf(100 + random.nextInt(9_900), 2),
        start.plusSeconds(random.nextInt(31_536_000)));
  }
}
