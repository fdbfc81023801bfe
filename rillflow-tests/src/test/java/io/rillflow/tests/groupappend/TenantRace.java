package io.rillflow.tests.groupappend;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentStore;
import io.rillflow.events.AppendResult;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.tests.events.Attempted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Writers racing through group append on a few streams of several tenants (the same stream names in
 * every tenant), with conflicts injected (an expected version that can never hold, {@code noStream()}
 * on streams that exist) beside the natural ones; then, per tenant, every acknowledged append is
 * stored whole at the version it was told, in its own tenant only, every failed one is absent, and
 * each stream's versions run 1..N.
 */
final class TenantRace {
  private static final int STREAMS = 4;

  private final String prefix;
  private final List<String> tenants;
  private final Map<String, Map<String, AppendResult>> acknowledged = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> failed = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
  /** Told of each acknowledged append (tenant, attempt), after it is recorded. */
  private final BiConsumer<String, String> told;

  TenantRace(String prefix, List<String> tenants) {
    this(prefix, tenants, (tenant, attempt) -> {});
  }

  TenantRace(String prefix, List<String> tenants, BiConsumer<String, String> told) {
    this.prefix = prefix;
    this.told = told;
    this.tenants = List.copyOf(tenants);
    for (String tenant : tenants) {
      acknowledged.put(tenant, new ConcurrentHashMap<>());
      failed.put(tenant, ConcurrentHashMap.newKeySet());
    }
  }

  /** Runs {@code writers} threads for {@code duration}, each appending to a random tenant's random stream. */
  void run(DocumentStore store, int writers, Duration duration) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    for (int w = 0; w < writers; w++) {
      String writer = "w" + w;
      pool.execute(() -> write(store, writer, start, duration));
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(duration.toSeconds() + 180, TimeUnit.SECONDS)).as("writers finished").isTrue();
    assertThat(unexpected).isEmpty();
    assertThat(acknowledged.values().stream().mapToInt(Map::size).sum()).as("some appends won").isPositive();
    assertThat(failed.values().stream().mapToInt(Set::size).sum()).as("conflicts happened").isPositive();
  }

  private void write(DocumentStore store, String writer, CountDownLatch start, Duration duration) {
    try {
      start.await();
      Map<String, Long> known = new HashMap<>();
      long deadline = System.nanoTime() + duration.toNanos();
      for (int n = 0; System.nanoTime() < deadline; n++) {
        String tenant = tenants.get(ThreadLocalRandom.current().nextInt(tenants.size()));
        String attempt = tenant + "/" + writer + "-" + n;
        String stream = prefix + ThreadLocalRandom.current().nextInt(STREAMS);
        long version = known.getOrDefault(tenant + " " + stream, 0L);
        int dice = ThreadLocalRandom.current().nextInt(10);
        ExpectedVersion expected = dice == 0 ? ExpectedVersion.exactly(1_000_000 + n)
            : dice == 1 || version == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version);
        try {
          AppendResult result = store.forTenant(tenant).events().append(stream, expected,
              new Attempted(attempt, 1), new Attempted(attempt, 2));
          acknowledged.get(tenant).put(attempt, result);
          told.accept(tenant, attempt);
          known.put(tenant + " " + stream, result.version());
        } catch (ConcurrencyException e) {
          failed.get(tenant).add(attempt);
          known.put(tenant + " " + stream, e.actualVersion());
        }
      }
    } catch (Throwable e) {
      unexpected.add(e);
    }
  }

  /**
   * Checks every tenant's streams against what its writers were told.
   *
   * @return per tenant, the transaction id of each acknowledged append
   */
  Map<String, List<Long>> verify(DocumentStore store) {
    Map<String, List<Long>> transactions = new HashMap<>();
    for (String tenant : tenants) {
      Map<String, AppendResult> told = acknowledged.get(tenant);
      Map<String, EventEnvelope<?>> stored = stored(store.forTenant(tenant), tenant, prefix);
      List<Long> txs = new ArrayList<>();
      stored.forEach((attempt, last) -> {
        AppendResult result = told.get(attempt);
        assertThat(result).as("stored attempt %s was acknowledged", attempt).isNotNull();
        assertThat(result.streamId()).isEqualTo(last.streamId());
        assertThat(result.version()).isEqualTo(last.version());
        assertThat(result.lastPosition()).isEqualTo(last.position());
        txs.add(last.checkpoint().transactionId());
      });
      assertThat(stored.keySet()).as("acknowledged appends of %s", tenant).isEqualTo(told.keySet());
      assertThat(failed.get(tenant)).as("failed appends of %s", tenant).noneMatch(stored::containsKey);
      transactions.put(tenant, txs);
    }
    return transactions;
  }

  /**
   * The appends stored in a tenant's streams {@code prefix0..3}, each checked whole (its two events side
   * by side), numbered without a gap from 1 and written by a writer of this tenant.
   *
   * @return each append's attempt and its last event
   */
  static Map<String, EventEnvelope<?>> stored(DocumentStore tenantStore, String tenant, String prefix) {
    Map<String, EventEnvelope<?>> stored = new HashMap<>();
    for (int s = 0; s < STREAMS; s++) {
      String stream = prefix + s;
      List<EventEnvelope<?>> events = tenantStore.events().readStream(stream);
      assertThat(events.size() % 2).as("whole appends in %s of %s", stream, tenant).isZero();
      for (int i = 0; i < events.size(); i += 2) {
        EventEnvelope<?> first = events.get(i);
        EventEnvelope<?> second = events.get(i + 1);
        Attempted one = (Attempted) first.data();
        Attempted two = (Attempted) second.data();
        assertThat(first.version()).isEqualTo(i + 1L);
        assertThat(second.version()).isEqualTo(i + 2L);
        assertThat(one.part()).isEqualTo(1);
        assertThat(two.part()).isEqualTo(2);
        assertThat(two.attempt()).isEqualTo(one.attempt());
        assertThat(first.checkpoint().transactionId()).isEqualTo(second.checkpoint().transactionId());
        assertThat(one.attempt()).as("stored in its own tenant %s", tenant).startsWith(tenant + "/");
        stored.put(one.attempt(), second);
      }
    }
    return stored;
  }
}
