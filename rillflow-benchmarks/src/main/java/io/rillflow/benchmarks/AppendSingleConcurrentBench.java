package io.rillflow.benchmarks;

import io.rillflow.events.AppendResult;
import io.rillflow.events.ExpectedVersion;
import java.util.List;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One event per append from 8 threads at once, each thread to a stream of its own, with an exact
 * expected version: Rillflow's {@code append(id, exactly(n), event)} ({@code noStream()} for the
 * first), the raw baseline running Rillflow's statement for that expectation by hand, and Axon's
 * {@code appendEvents} of one {@code GenericDomainEventMessage} at sequence {@code n} (Axon's check
 * is the unique key on aggregate id and sequence). The score is the throughput of all threads
 * together; the 8 threads share the store's pool of 10 connections and the machine's cores with
 * the server.
 */
@Threads(8)
public class AppendSingleConcurrentBench extends EventBench {
  /** One thread's stream, the event it appends, and the stream's version so far. */
  @State(Scope.Thread)
  public static class Stream {
    final UUID id = UUID.randomUUID();
    final String key = id.toString();
    final List<BenchItemAdded> event = List.of(new SampleEvents(id.getLeastSignificantBits()).next(id));
    long version;
  }

  @Override
  protected String schema() {
    return "bench_append_single_concurrent";
  }

  @Benchmark
  public AppendResult appendSingle_rillflow(Stream stream) {
    AppendResult result = store.events().append(stream.id, ExpectedVersion.exactly(stream.version), stream.event.get(0));
    stream.version = result.version();
    return result;
  }

  @Benchmark
  public long appendSingle_raw(Stream stream) throws Exception {
    stream.version = rawEvents.append(stream.key, stream.version, stream.event);
    return stream.version;
  }

  @Benchmark
  public long appendSingle_axon(Stream stream) {
    // Axon numbers from 0: the n-th event of the aggregate has sequence n - 1.
    axon.append(AxonEvents.messages(stream.key, stream.version, stream.event));
    return ++stream.version;
  }
}
