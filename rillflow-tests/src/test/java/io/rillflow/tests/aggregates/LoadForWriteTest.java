package io.rillflow.tests.aggregates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.aggregates.AggregateForWrite;
import io.rillflow.aggregates.AggregateRepository;
import io.rillflow.ConcurrencyException;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import org.junit.jupiter.api.Test;

/** loadForWrite: the state with its stream version, and appends at that version. */
class LoadForWriteTest extends RillflowTestBase {

  @Test
  void aMissingStreamLoadsEmptyAtVersionZeroAndItsAppendCreatesTheStream() {
    AggregateRepository<Stock> stock = store().aggregates(Stock.class);
    AggregateForWrite<Stock> fresh = stock.loadForWrite("kiwi");
    assertThat(fresh.state()).isEmpty();
    assertThat(fresh.version()).isZero();
    assertThat(fresh.expected()).isEqualTo(ExpectedVersion.noStream());

    assertThat(fresh.append(new ItemAdded("kiwi", 3)).version()).isEqualTo(1);
    assertThat(stock.load("kiwi")).contains(new Stock("kiwi", 3));
  }

  @Test
  void anAppendAtTheLoadedVersionWinsAndAStaleOneWritesNothing() {
    AggregateRepository<Stock> stock = store().aggregates(Stock.class);
    stock.append("fig", ExpectedVersion.noStream(), new ItemAdded("fig", 5), new ItemAdded("fig", 2));

    AggregateForWrite<Stock> mine = stock.loadForWrite("fig");
    AggregateForWrite<Stock> theirs = stock.loadForWrite("fig");
    assertThat(mine.state()).contains(new Stock("fig", 7));
    assertThat(mine.version()).isEqualTo(2);

    assertThat(mine.append(new ItemAdded("fig", -1)).version()).isEqualTo(3);
    assertThatThrownBy(() -> theirs.append(new ItemAdded("fig", -6)))
        .isInstanceOfSatisfying(ConcurrencyException.class, e -> {
          assertThat(e.expectedVersion()).isEqualTo(2);
          assertThat(e.actualVersion()).isEqualTo(3);
        });
    assertThat(stock.load("fig")).contains(new Stock("fig", 6));
    assertThat(store().events().readStream("fig")).hasSize(3);
  }
}
