package io.rillflow.benchmarks;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.events.ExpectedVersion;
import java.util.List;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Appending a batch of events to a new stream, each call a new stream id: Rillflow's
 * {@code events().append(id, noStream(), events)} (one statement in auto-commit), the raw baseline
 * running that statement by hand, and Axon's {@code appendEvents} of as many
 * {@code GenericDomainEventMessage}s of one new aggregate, sequence 0 to n-1 (one transaction, one
 * JDBC batch of inserts). The events are made before the measurement; each side serializes them.
 */
public class AppendBatchBench extends EventBench {
  /** Events per append. */
  @Param("100")
  public int events;

  private List<BenchItemAdded> batch;

  @Override
  protected String schema() {
    return "bench_append_batch";
  }

  @Override
  protected void prepareEvents() {
    batch = new SampleEvents(11).cart(UUID.randomUUID(), events);
  }

  @Benchmark
  public AppendResult appendBatch_rillflow() {
    return store.events().append(UUID.randomUUID(), ExpectedVersion.noStream(), AppendOptions.NONE, batch);
  }

  @Benchmark
  public long appendBatch_raw() throws Exception {
    return rawEvents.appendNew(UUID.randomUUID().toString(), batch);
  }

  @Benchmark
  public String appendBatch_axon() {
    String aggregateId = UUID.randomUUID().toString();
    axon.append(AxonEvents.messages(aggregateId, 0, batch));
    return aggregateId;
  }
}
