package io.rillflow.benchmarks;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.ExpectedVersion;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Reading a whole stream by id, picked at random among {@code streams} streams of {@code events}
 * events each: Rillflow's {@code readStream} (envelopes with decoded events); the raw baseline on the
 * simplest hand-written table ({@link SimpleEvents}: four columns, a Jackson read per row); the raw
 * baseline replaying Rillflow's own {@code SELECT} ({@code _rawsql}); and Axon's
 * {@code readEvents(aggregateId)} with every payload deserialized. Every side reads the same events:
 * each stream is written once to Rillflow's tables, once to the simple table and once to Axon's.
 */
public class ReadStreamBench extends EventBench {
  /** Events per stream. */
  @Param("100")
  public int events;

  /** Streams to pick from: enough that the reads do not all hit one cached page. */
  @Param("200")
  public int streams;

  private UUID[] ids;

  @Override
  protected String schema() {
    return "bench_read_stream";
  }

  @Override
  protected void prepareEvents() throws Exception {
    SampleEvents sample = new SampleEvents(5);
    ids = new UUID[streams];
    for (int i = 0; i < streams; i++) {
      ids[i] = UUID.randomUUID();
      List<BenchItemAdded> cart = sample.cart(ids[i], events);
      store.events().append(ids[i], ExpectedVersion.noStream(), AppendOptions.NONE, cart);
      axon.append(AxonEvents.messages(ids[i].toString(), 0, cart));
      simpleEvents.append(ids[i].toString(), 0, cart);
    }
    BenchStores.execute("VACUUM ANALYZE \"" + schema() + "\".\"rf_events\"");
    BenchStores.execute("VACUUM ANALYZE \"" + schema() + "\".domainevententry");
    BenchStores.execute("VACUUM ANALYZE \"" + schema() + "\".simple_events");
    // A read that finds nothing is fast and wrong: check every side reads the whole stream once.
    int rillflow = readStream_rillflow().size();
    int raw = readStream_raw().size();
    int ownSql = readStream_rawsql().size();
    int peer = readStream_axon().size();
    if (rillflow != events || raw != events || ownSql != events || peer != events) {
      throw new IllegalStateException("expected " + events + " events per stream, read " + rillflow
          + " (Rillflow), " + raw + " (raw), " + ownSql + " (raw on Rillflow's SQL), " + peer + " (Axon)");
    }
  }

  private UUID anyId() {
    return ids[ThreadLocalRandom.current().nextInt(ids.length)];
  }

  @Benchmark
  public List<EventEnvelope<?>> readStream_rillflow() {
    return store.events().readStream(anyId());
  }

  @Benchmark
  public List<SimpleEvents.SimpleEvent> readStream_raw() throws Exception {
    return simpleEvents.readStream(anyId().toString());
  }

  @Benchmark
  public List<RawEvents.RawEvent> readStream_rawsql() throws Exception {
    return rawEvents.readStream(anyId().toString());
  }

  @Benchmark
  public List<BenchItemAdded> readStream_axon() {
    return axon.read(anyId().toString());
  }
}
