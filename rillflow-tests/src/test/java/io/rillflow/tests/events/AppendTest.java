package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.ConcurrencyException;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventMetadata;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.IdempotencyConflictException;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AppendTest extends RillflowTestBase {

  private EventStore events() {
    return store().events();
  }

  private long eventRows() {
    return RawSql.count(store(), "SELECT count(*) FROM rf_events");
  }

  /**
   * Stream, scan and global reads decode each event from the driver's UTF-8 bytes: they give back what
   * was written, whatever the script, escapes and characters outside the BMP. (An old version's row is
   * made text for its upcasts: {@code UpcastTest}.)
   */
  @Test
  void textInAnyScriptReadsBackAsWrittenOnStreamAndGlobalReads() {
    List<OrderShipped> written = List.of(new OrderShipped("zürich-ü", "Ελληνικά 日本語 \uD83D\uDE9A"),
        new OrderShipped("quote\"back\\slash", "tab\tnew\nline \u00e9\u0301"), new OrderShipped("", "\u2028\u2029"));
    events().append("scripts", ExpectedVersion.noStream(), AppendOptions.NONE, written);

    List<Object> expected = List.copyOf(written);
    assertThat(events().readStream("scripts").stream().<Object>map(EventEnvelope::data).toList()).isEqualTo(expected);
    try (Stream<EventEnvelope<?>> scanned = events().scanStream("scripts", 1)) {
      assertThat(scanned.<Object>map(EventEnvelope::data).toList()).isEqualTo(expected);
    }
    assertThat(events().readAll(Checkpoint.START, 10).stream().<Object>map(EventEnvelope::data).toList())
        .isEqualTo(expected);
  }

  @Test
  void appendedEventsReadBackWithVersionsPositionsMetadataAndTime() {
    UUID orderId = UUID.randomUUID();
    Instant before = Instant.now().minusSeconds(5);
    AppendOptions options = AppendOptions.builder()
        .header("user", "ada").header("attempt", 2).causationId("command-1").correlationId("request-9").build();

    AppendResult result = events().append(orderId, ExpectedVersion.noStream(), options,
        new OrderPlaced("o-1", new BigDecimal("12.50"), "EUR"), new OrderShipped("o-1", "DHL"));

    assertThat(result.streamId()).isEqualTo(orderId.toString());
    assertThat(result.firstVersion()).isEqualTo(1);
    assertThat(result.version()).isEqualTo(2);
    assertThat(result.count()).isEqualTo(2);
    List<EventEnvelope<?>> read = events().readStream(orderId);
    assertThat(read).extracting(EventEnvelope::version).containsExactly(1L, 2L);
    assertThat(read).extracting(EventEnvelope::type).containsExactly("OrderPlaced", "OrderShipped");
    assertThat(read).extracting(EventEnvelope::schemaVersion).containsExactly(3, 1);
    assertThat(read).extracting(e -> (Object) e.data()).containsExactly(
        new OrderPlaced("o-1", new BigDecimal("12.50"), "EUR"), new OrderShipped("o-1", "DHL"));
    assertThat(read.get(1).position()).isGreaterThan(read.get(0).position()).isEqualTo(result.lastPosition());
    assertThat(read).allSatisfy(envelope -> {
      assertThat(envelope.streamId()).isEqualTo(orderId.toString());
      assertThat(envelope.streamUuid()).isEqualTo(orderId);
      assertThat(envelope.metadata()).isEqualTo(
          new EventMetadata(Map.of("user", "ada", "attempt", 2), "command-1", "request-9"));
      assertThat(envelope.timestamp()).isBetween(before, Instant.now().plusSeconds(5));
      assertThat(envelope.checkpoint().position()).isEqualTo(envelope.position());
      assertThat(envelope.checkpoint().transactionId()).isPositive();
    });
    assertThat(read.get(0).checkpoint().transactionId()).isEqualTo(read.get(1).checkpoint().transactionId());
  }

  @Test
  void eventsWithoutOptionsHaveEmptyMetadata() {
    events().append("plain", ExpectedVersion.any(), new OrderShipped("o-2", "UPS"));

    assertThat(events().readStream("plain")).singleElement()
        .satisfies(e -> assertThat(e.metadata()).isEqualTo(EventMetadata.NONE));
  }

  @Test
  void aUuidAndItsTextNameTheSameStream() {
    UUID id = UUID.randomUUID();
    events().append(id, ExpectedVersion.noStream(), new OrderShipped("o", "a"));
    events().append(id.toString(), ExpectedVersion.exactly(1), new OrderShipped("o", "b"));

    assertThat(events().readStream(id)).extracting(EventEnvelope::version).containsExactly(1L, 2L);
    assertThat(events().streamState("no-such-stream")).isEmpty();
    assertThat(events().streamState(id)).hasValueSatisfying(state -> {
      assertThat(state.version()).isEqualTo(2);
      assertThat(state.archived()).isFalse();
      assertThat(state.updatedAt()).isAfterOrEqualTo(state.createdAt());
    });
  }

  @Test
  void noStreamFailsOnAnExistingStreamNamingExpectedAndActualVersionAndWritesNothing() {
    events().append("order-1", ExpectedVersion.noStream(), new OrderShipped("o", "a"), new OrderShipped("o", "b"));
    long rows = eventRows();

    assertThatThrownBy(() -> events().append("order-1", ExpectedVersion.noStream(), new OrderShipped("o", "c")))
        .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
          assertThat(e).hasMessage("stream order-1: expected no stream, but it is at version 2");
          assertThat(e.subject()).isEqualTo("stream");
          assertThat(e.id()).isEqualTo("order-1");
          assertThat(e.expectedVersion()).isZero();
          assertThat(e.actualVersion()).isEqualTo(2);
        });
    assertThat(eventRows()).isEqualTo(rows);
    assertThat(events().streamState("order-1").orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void exactlyFailsOnAnyOtherVersionAndSucceedsOnItsOwn() {
    events().append("order-2", ExpectedVersion.any(), new OrderShipped("o", "a"), new OrderShipped("o", "b"));

    assertThatThrownBy(() -> events().append("order-2", ExpectedVersion.exactly(1), new OrderShipped("o", "c")))
        .isInstanceOf(ConcurrencyException.class)
        .hasMessage("stream order-2: expected version 1, but it is at version 2");
    assertThatThrownBy(() -> events().append("order-2", ExpectedVersion.exactly(3), new OrderShipped("o", "c")))
        .hasMessage("stream order-2: expected version 3, but it is at version 2");
    assertThatThrownBy(() -> events().append("order-9", ExpectedVersion.exactly(3), new OrderShipped("o", "c")))
        .hasMessage("stream order-9: expected version 3, but it does not exist");
    assertThat(eventRows()).isEqualTo(2);

    assertThat(events().append("order-2", ExpectedVersion.exactly(2), new OrderShipped("o", "c")).version()).isEqualTo(3);
  }

  @Test
  void streamExistsFailsOnAMissingStreamAndAnyNeverFails() {
    assertThatThrownBy(() -> events().append("order-3", ExpectedVersion.streamExists(), new OrderShipped("o", "a")))
        .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
          assertThat(e).hasMessage("stream order-3: expected an existing stream, but it does not exist");
          assertThat(e.expectedVersion()).isEqualTo(-1);
        });
    assertThat(events().streamState("order-3")).isEmpty();

    assertThat(events().append("order-3", ExpectedVersion.any(), new OrderShipped("o", "a")).version()).isEqualTo(1);
    assertThat(events().append("order-3", ExpectedVersion.any(), new OrderShipped("o", "b")).version()).isEqualTo(2);
    assertThat(events().append("order-3", ExpectedVersion.streamExists(), new OrderShipped("o", "c")).version()).isEqualTo(3);
  }

  @Test
  void readStreamTakesAnInclusiveVersionRange() {
    for (int i = 1; i <= 5; i++) {
      events().append("ranged", ExpectedVersion.exactly(i - 1), new OrderShipped("o", "c" + i));
    }

    assertThat(events().readStream("ranged", 2, 4)).extracting(e -> ((OrderShipped) e.data()).carrier())
        .containsExactly("c2", "c3", "c4");
    assertThat(events().readStream("ranged", 4, 2)).isEmpty();
    assertThat(events().readStream("ranged", 5, Long.MAX_VALUE)).hasSize(1);
  }

  @Test
  void aThousandEventsGoInOneAppendAndStreamBackThroughACursor() {
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      many.add(new Attempted("bulk", i));
    }

    AppendResult result = events().append("long", ExpectedVersion.noStream(), AppendOptions.NONE, many);

    assertThat(result.version()).isEqualTo(1_200);
    // More cursors than the pool has connections: each must give its connection back when closed.
    for (int round = 0; round < 6; round++) {
      try (Stream<EventEnvelope<?>> stream = events().scanStream("long", 101)) {
        List<EventEnvelope<?>> read = stream.toList();
        assertThat(read).hasSize(1_100);
        assertThat(read.get(0).version()).isEqualTo(101);
        assertThat(read).extracting(e -> ((Attempted) e.data()).part()).isSorted();
      }
    }
    List<String> versions = RawSql.column(store(), "SELECT version || ':' || (data->>'part') FROM rf_events "
        + "WHERE stream_id = 'long' ORDER BY seq_id LIMIT 3");
    assertThat(versions).containsExactly("1:0", "2:1", "3:2");
  }

  @Test
  void anIdempotencyKeyUsedTwiceInAStreamIsRefusedAndWritesNothing() {
    AppendOptions once = AppendOptions.builder().idempotencyKey("command-42").build();
    AppendResult first = events().append("paid", ExpectedVersion.any(), once,
        new OrderShipped("o", "a"), new OrderShipped("o", "b"));

    assertThatThrownBy(() -> events().append("paid", ExpectedVersion.any(), once, new OrderShipped("o", "c")))
        .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
          assertThat(e.streamId()).isEqualTo("paid");
          assertThat(e.idempotencyKey()).isEqualTo("command-42");
          assertThat(e.version()).isEqualTo(1);
          assertThat(e.position()).isEqualTo(first.lastPosition() - 1);
          assertThat(e).hasMessageContaining("idempotency key \"command-42\" was already used");
        });
    // A retry that expected the version from before the first try also learns the key was used.
    assertThatThrownBy(() -> events().append("paid", ExpectedVersion.noStream(), once, new OrderShipped("o", "c")))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(events().readStream("paid")).hasSize(2);
    assertThat(events().streamState("paid").orElseThrow().version()).isEqualTo(2);

    // Keys are per stream.
    assertThat(events().append("other", ExpectedVersion.any(), once, new OrderShipped("o", "d")).version()).isEqualTo(1);
  }

  @Test
  void whatCannotBeAppendedIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> events().append("s", ExpectedVersion.any(), new NotAnEvent("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("io.rillflow.tests.events.NotAnEvent is not an event of this store: annotate it @Event");
    assertThatThrownBy(() -> events().append("s", ExpectedVersion.any(), List.of(new OrderShipped("o", "a"))))
        .hasMessageContaining("to append a list of events use append(streamId, expected, options, list)");
    // A stream id of another type (append(42L, ...)) does not compile: the overloads take UUID or String.
    assertThatThrownBy(() -> events().append(" ", ExpectedVersion.any(), new OrderShipped("o", "a")))
        .hasMessage("A stream id cannot be blank");
    assertThatThrownBy(() -> events().append("s", ExpectedVersion.any()))
        .hasMessage("An append to stream s needs at least one event");
    assertThatThrownBy(() -> ExpectedVersion.exactly(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ExpectedVersion.exactly(0)).isEqualTo(ExpectedVersion.noStream());
    assertThat(eventRows()).isZero();
  }

  @Test
  void timestampsComeFromTheDatabase() {
    events().append("timed", ExpectedVersion.any(), new OrderShipped("o", "a"));
    Instant stored = events().readStream("timed").get(0).timestamp();
    Instant now = Instant.parse(RawSql.column(store(), "SELECT to_json(now())#>>'{}'").get(0));
    assertThat(Duration.between(stored, now).abs()).isLessThan(Duration.ofMinutes(1));
    Instant column = Instant.parse(RawSql.column(store(), "SELECT to_json(created_at)#>>'{}' FROM rf_events").get(0));
    assertThat(stored).as("the row's created_at, to the microsecond").isEqualTo(column);
  }
}
