package io.rillflow.tests.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.projections.DeadLetter;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.SafePoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A poison event is retried, then dead-lettered while later events are applied; requeue applies it once fixed. */
class DeadLetterTest extends RillflowTestBase {
  private static final Ledger ledger = new Ledger();

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.readModels(false).projection(Ledger.NAME, ProjectionLifecycle.ASYNC, ledger)
        .projectionOptions(ProjectionOptions.defaults().batchSize(10).maxAttempts(3).retryBackoff(Duration.ofMillis(5)));
  }

  @BeforeEach
  void tables() {
    Ledger.createTables(store());
    ledger.poisoned = true;
  }

  @AfterEach
  void stopDaemon() {
    store().projections().daemon().stop();
  }

  @Test
  void poisonEventGoesToTheDeadLettersAfterItsTriesAndLaterEventsAreApplied() {
    store().events().append("a", ExpectedVersion.any(), new Tick("a", 1), new Tick("a", 2));
    store().events().append("p", ExpectedVersion.any(), new Tick("p", -100));
    store().events().append("a", ExpectedVersion.any(), new Tick("a", 4), new Tick("b", 8));
    Ledger.awaitReadable(store(), 5);
    ProjectionDaemon daemon = store().projections().daemon();

    daemon.runUntilIdle();

    assertThat(Ledger.totals(store())).isEqualTo(Map.of("a", 7L, "b", 8L));
    List<DeadLetter> letters = store().projections().deadLetters(Ledger.NAME);
    assertThat(letters).singleElement().satisfies(letter -> {
      assertThat(letter.position()).isEqualTo(3);
      assertThat(letter.streamId()).isEqualTo("p");
      assertThat(letter.type()).isEqualTo("Tick");
      assertThat(letter.attempts()).isEqualTo(3);
      assertThat(letter.error()).contains("IllegalStateException").contains("poisoned tick");
    });
    assertThat(daemon.status().get(0).checkpoint().position()).isEqualTo(5);
    assertThat(daemon.status().get(0).deadLetters()).isEqualTo(1);

    // Requeued while still broken: tried once more, stays a dead letter.
    assertThat(store().projections().requeue(letters.get(0).id())).isTrue();
    daemon.runUntilIdle();
    assertThat(store().projections().deadLetters(Ledger.NAME)).singleElement()
        .satisfies(letter -> assertThat(letter.attempts()).isEqualTo(4))
        .satisfies(letter -> assertThat(letter.requeued()).isFalse());

    // Fixed, requeued: applied once, the dead letter gone.
    ledger.poisoned = false;
    store().projections().requeue(letters.get(0).id());
    daemon.runUntilIdle();
    assertThat(store().projections().deadLetters(Ledger.NAME)).isEmpty();
    assertThat(Ledger.totals(store())).isEqualTo(Map.of("a", 7L, "b", 8L, "p", -100L)).isEqualTo(Ledger.replay(store()));
    assertThat(Ledger.timesApplied(store()).values()).hasSize(5).containsOnly(1L);
  }

  @Test
  void deadLettersOfAnUnknownProjectionNameTheKnownOnes() {
    assertThatThrownBy(() -> store().projections().deadLetters("ledgr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"ledgr\"").hasMessageContaining(Ledger.NAME);
  }

  @Test
  void aDeadLetterCanBeDeleted() {
    store().events().append("p", ExpectedVersion.any(), new Tick("p", -1));
    Ledger.awaitReadable(store(), 1);
    store().projections().daemon().runUntilIdle();
    long id = store().projections().deadLetters(Ledger.NAME).get(0).id();

    assertThat(store().projections().delete(id)).isTrue();
    assertThat(store().projections().delete(id)).isFalse();
    assertThat(store().projections().deadLetters(Ledger.NAME)).isEmpty();
  }

  @Test
  void aFailureThatPassesOnALaterTryIsAppliedInOrderWithoutADeadLetter() {
    store().events().append("p", ExpectedVersion.any(), new Tick("p", 1), new Tick("p", -1), new Tick("p", 5));
    ledger.poisoned = false;
    ledger.flakyFailures = 2;
    Ledger.awaitReadable(store(), 3);

    store().projections().daemon().runUntilIdle();

    assertThat(store().projections().deadLetters(Ledger.NAME)).isEmpty();
    assertThat(Ledger.totals(store())).isEqualTo(Map.of("p", 5L));
    assertThat(Ledger.timesApplied(store()).values()).hasSize(3).containsOnly(1L);
  }

  @Test
  void anEventThatCannotBeReadGoesToTheDeadLettersAndLaterEventsAreApplied() {
    ledger.poisoned = false;
    store().events().append("a", ExpectedVersion.any(), new Tick("a", 1));
    String events = "\"" + store().schemaName() + "\".rf_events";
    Ledger.execute(store(), "INSERT INTO " + events + " (stream_id, version, type, schema_version, data)"
        + " VALUES ('bad', 1, 'Tick', 1, '{\"key\": \"bad\", \"amount\": \"lots\"}')");
    store().events().append("a", ExpectedVersion.any(), new Tick("a", 4));
    SafePoint.await(store());
    ProjectionDaemon daemon = store().projections().daemon();

    daemon.runUntilIdle();

    assertThat(Ledger.totals(store())).isEqualTo(Map.of("a", 5L));
    assertThat(store().projections().deadLetters(Ledger.NAME)).singleElement().satisfies(letter -> {
      assertThat(letter.position()).isEqualTo(2);
      assertThat(letter.streamId()).isEqualTo("bad");
      assertThat(letter.attempts()).isEqualTo(3);
      assertThat(letter.error()).contains("EventDeserializationException").contains("Cannot read event Tick");
    });
    assertThat(daemon.status().get(0).checkpoint().position()).isEqualTo(3);

    // Requeued while the row is still unreadable: it stays a dead letter, and nothing else moves.
    store().projections().requeue(store().projections().deadLetters(Ledger.NAME).get(0).id());
    daemon.runUntilIdle();
    assertThat(store().projections().deadLetters(Ledger.NAME)).singleElement()
        .satisfies(letter -> assertThat(letter.attempts()).isEqualTo(4));

    // Repaired in place, requeued: applied once.
    Ledger.execute(store(), "UPDATE " + events + " SET data = '{\"key\": \"bad\", \"amount\": 2}' WHERE seq_id = 2");
    store().projections().requeue(store().projections().deadLetters(Ledger.NAME).get(0).id());
    daemon.runUntilIdle();
    assertThat(store().projections().deadLetters(Ledger.NAME)).isEmpty();
    assertThat(Ledger.totals(store())).isEqualTo(Map.of("a", 5L, "bad", 2L));
  }
}
