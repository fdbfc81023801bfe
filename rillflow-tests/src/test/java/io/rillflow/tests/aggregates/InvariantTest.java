package io.rillflow.tests.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.DocumentSession;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.aggregates.InvariantViolationException;
import io.rillflow.test.RillflowTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Stock} implements {@code ValidatedAggregate}: a state below zero is refused before the commit. */
class InvariantTest extends RillflowTestBase {

  @Test
  void anAppendThatBreaksAnInvariantWritesNothingAndSaysWhy() {
    AggregateRepository<Stock> stock = store().aggregates(Stock.class);
    stock.append("apple", ExpectedVersion.noStream(), new ItemAdded("apple", 5));

    assertThatThrownBy(() -> stock.append("apple", ExpectedVersion.exactly(1), new ItemAdded("apple", -7)))
        .isInstanceOfSatisfying(InvariantViolationException.class, e -> {
          assertThat(e.aggregateType()).isEqualTo(Stock.class);
          assertThat(e.streamId()).isEqualTo("apple");
          assertThat(e.version()).isEqualTo(2);
        })
        .hasMessage("Stock apple would break an invariant at version 2, so nothing was written: "
            + "stock of apple below zero: -2")
        .hasCauseInstanceOf(IllegalStateException.class);

    assertThat(store().events().readStream("apple")).hasSize(1);
    assertThat(stock.update("apple", s -> List.of(new ItemAdded("apple", -5)))).isPresent();
    assertThat(stock.load("apple")).contains(new Stock("apple", 0));
  }

  @Test
  void inASessionTheWholeUnitOfWorkIsRefused() {
    AggregateRepository<Stock> stock = store().aggregates(Stock.class);
    try (DocumentSession session = store().lightweightSession()) {
      stock.in(session).append("pear", ExpectedVersion.noStream(), new ItemAdded("pear", 1));
      stock.in(session).append("plum", ExpectedVersion.noStream(), new ItemAdded("plum", -1));

      assertThatThrownBy(session::saveChanges).isInstanceOf(InvariantViolationException.class);
    }
    assertThat(store().events().streamState("pear")).isEmpty();
    assertThat(store().events().streamState("plum")).isEmpty();
  }
}
