package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventDeserializationException;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventMetadata;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Headers are parsed the first time something asks for them: a reader that never does pays nothing for
 * them, one that does gets the same immutable map as before, from any thread, and stored headers that
 * cannot be read fail only the reader that asks for them, naming the event.
 */
class LazyMetadataTest extends RillflowTestBase {

  @Test
  void headersAreParsedOnFirstUseOnceAndCopied() {
    AtomicInteger parses = new AtomicInteger();
    Map<String, Object> given = new HashMap<>(Map.of("user", "ada"));
    EventMetadata metadata = EventMetadata.parsedOnFirstUse(() -> {
      parses.incrementAndGet();
      return given;
    }, "command-1", "request-9");

    assertThat(metadata.causationId()).isEqualTo("command-1");
    assertThat(metadata.correlationId()).isEqualTo("request-9");
    assertThat(parses).as("nothing asked for the headers yet").hasValue(0);
    assertThat(metadata.headers()).isEqualTo(Map.of("user", "ada"));
    assertThat(metadata.headers()).isSameAs(metadata.headers());
    assertThat(parses).hasValue(1);
    given.put("user", "eve");
    assertThat(metadata.headers()).as("a copy").containsEntry("user", "ada");
    assertThatThrownBy(() -> metadata.headers().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(metadata).isEqualTo(new EventMetadata(Map.of("user", "ada"), "command-1", "request-9"))
        .hasSameHashCodeAs(new EventMetadata(Map.of("user", "ada"), "command-1", "request-9"));
  }

  @Test
  void threadsAskingAtOnceForTheHeadersOfOneReadEventGetEqualMaps() throws Exception {
    AppendOptions options = AppendOptions.builder().header("user", "ada").header("attempt", 2)
        .header("roles", List.of("a", "b")).correlationId("request-9").build();
    store().events().append("o-1", ExpectedVersion.noStream(), options, new OrderShipped("o-1", "DHL"));
    for (int round = 0; round < 20; round++) {
      EventEnvelope<?> event = store().events().readStream("o-1").get(0);
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try {
        List<Future<Map<String, Object>>> seen = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          seen.add(threads.submit(() -> {
            start.await();
            return event.metadata().headers();
          }));
        }
        start.countDown();
        for (Future<Map<String, Object>> headers : seen) {
          assertThat(headers.get(30, TimeUnit.SECONDS))
              .isEqualTo(Map.of("user", "ada", "attempt", 2, "roles", List.of("a", "b")));
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }

  @Test
  void storedHeadersThatAreNoObjectFailOnlyTheReaderThatAsksForThemNamingTheEvent() {
    store().events().append("o-2", ExpectedVersion.noStream(), AppendOptions.builder().header("user", "ada")
        .causationId("command-2").build(), new OrderShipped("o-2", "UPS"));
    RawSql.execute(store(), "UPDATE rf_events SET headers = '[1, 2]' WHERE stream_id = 'o-2'");
    SafePoint.await(store());

    EventEnvelope<?> event = store().events().readStream("o-2").get(0);
    assertThat(event.data()).isEqualTo(new OrderShipped("o-2", "UPS"));
    assertThat(event.metadata().causationId()).isEqualTo("command-2");
    assertThatThrownBy(() -> event.metadata().headers()).isInstanceOfSatisfying(EventDeserializationException.class,
        e -> assertThat(e).hasMessageContaining("OrderShipped").hasMessageContaining(Long.toString(event.position()))
            .hasMessageContaining("headers are not a JSON object"));
    // The global read hands the same event out; only asking for its headers fails.
    assertThat(store().events().readAll(Checkpoint.START, 10)).extracting(EventEnvelope::streamId)
        .containsExactly("o-2");
  }
}
