package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.StreamAliases;
import io.rillflow.test.RillflowTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stream aliases: a natural key names one stream id, given on first use, the same for every caller. */
class StreamAliasTest extends RillflowTestBase {

  @Test
  void sixteenThreadsOverFourStoresResolvingOneNewAliasGetOneId() throws Exception {
    List<DocumentStore> stores = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      stores.add(DocumentStore.builder().dataSource(store().dataSource()).schema(store().schemaName())
          .readModels(false).build());
    }
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 5; round++) {
        String alias = "orders:race-" + round;
        CountDownLatch start = new CountDownLatch(1);
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          StreamAliases aliases = stores.get(t % 4).events().aliases();
          done.add(threads.submit(() -> {
            start.await();
            ids.add(aliases.resolve(alias));
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
        assertThat(ids).hasSize(1);
        assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_stream_aliases WHERE alias = '" + alias + "'"))
            .isEqualTo(1);
        assertThat(store().events().aliases().find(alias)).contains(ids.iterator().next());
      }
    } finally {
      threads.shutdownNow();
      stores.forEach(DocumentStore::close);
    }
  }

  @Test
  void anAliasedStreamIsAppendedAndReadByItsId() {
    StreamAliases aliases = store().events().aliases();
    UUID orderId = aliases.resolve("orders:42");
    assertThat(aliases.resolve("orders:42")).isEqualTo(orderId);
    store().events().append(orderId, ExpectedVersion.noStream(), new OrderShipped("42", "DHL"));

    assertThat(store().events().readStream(aliases.resolve("orders:42"))).hasSize(1);
    assertThat(aliases.aliasOf(orderId)).contains("orders:42");
    assertThat(aliases.find("orders:43")).isEmpty();
    assertThat(aliases.aliasOf(UUID.randomUUID())).isEmpty();
  }

  @Test
  void aBlankOrOverlongAliasIsRefused() {
    StreamAliases aliases = store().events().aliases();
    assertThatThrownBy(() -> aliases.resolve(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A stream alias is 1 to 200 characters, not blank, but was \" \"");
    assertThatThrownBy(() -> aliases.resolve("x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
    assertThat(RawSql.count(store(), "SELECT count(*) FROM rf_stream_aliases")).isZero();
  }
}
