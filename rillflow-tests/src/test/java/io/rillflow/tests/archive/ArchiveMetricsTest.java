package io.rillflow.tests.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ArchiveOptions;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.OrderShipped;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the archive meters count: streams marked and brought back, events and batches moved, time, table sizes. */
class ArchiveMetricsTest extends RillflowTestBase {
  private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.meterRegistry(meters).archive(ArchiveOptions.DEFAULT.batchSize(4));
  }

  private RequiredSearch meter(String name) {
    return meters.get(name).tag("schema", store().schemaName());
  }

  @Test
  void archiveAndUnarchiveCountWhatTheyMovedInHowManyBatches() {
    List<Object> ten = IntStream.range(0, 10).mapToObj(i -> (Object) new OrderShipped("o", "c" + i)).toList();
    store().events().append("big", ExpectedVersion.noStream(), AppendOptions.NONE, ten);
    store().events().append("small", ExpectedVersion.noStream(), new OrderShipped("s", "c"));
    double hotBefore = meter("archive.events.hot.bytes").gauge().value();
    assertThat(hotBefore).isPositive();

    store().events().archiveStream("big");
    store().events().archiveStream("big");
    store().events().archiveStream("missing");

    assertThat(meter("archive.streams.marked").counter().count()).isEqualTo(1);
    assertThat(meter("archive.events.moved").tag("direction", "archive").counter().count()).isEqualTo(10);
    // 4 + 4 + 2: a batch that moved nothing (the second call's) is not one.
    assertThat(meter("archive.move.batches").counter().count()).isEqualTo(3);
    assertThat(meter("archive.move.duration").timer().count()).isEqualTo(3);
    assertThat(meter("archive.events.archived.bytes").gauge().value()).isPositive();

    assertThat(store().events().unarchiveStream("big")).isTrue();
    assertThat(meter("archive.streams.reactivated").counter().count()).isEqualTo(1);
    assertThat(meter("archive.events.moved").tag("direction", "hot").counter().count()).isEqualTo(10);
    assertThat(meter("archive.move.batches").counter().count()).isEqualTo(6);
    assertThat(meter("archive.move.duration").timer().count()).isEqualTo(4);
  }
}
